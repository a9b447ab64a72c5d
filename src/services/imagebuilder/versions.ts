import { OrderedTable } from "../../engine/ordered-table.js";

/**
 * Image Builder's semantic versions and versioned ARNs ("Semantic versioning in Image
 * Builder", user guide): `<major>.<minor>.<patch>/<build>`, callers assign the first three
 * nodes (each 0..2^30-1), the service assigns the build. Selectors may put `x` in a node,
 * and once a node is `x` every node to its right must be `x` (`1.x.x`, never `x.2.x`).
 */

export const MAX_VERSION_NODE = 1073741823;

export type VersionNode = number | "x";
export type VersionSelector = readonly [VersionNode, VersionNode, VersionNode];

/** Why `text` is not an assignable x.y.z version, or undefined when it is one. */
export function versionProblem(text: string): string | undefined {
  const match = /^([0-9]+)\.([0-9]+)\.([0-9]+)$/.exec(text);
  if (!match) return `The semantic version '${text}' is not valid: use <major>.<minor>.<patch>, for example 1.0.0.`;
  for (const node of match.slice(1)) {
    if (Number(node) > MAX_VERSION_NODE) {
      return `The semantic version '${text}' is not valid: each node must be between 0 and ${MAX_VERSION_NODE} (2^30-1).`;
    }
  }
  return undefined;
}

/** A version selector (`1.2.3`, `1.x.x`, `x.x.x`), or a message saying why it is not one. */
export function parseSelector(text: string): VersionSelector | string {
  const parts = text.split(".");
  if (parts.length !== 3 || parts.some((p) => !/^(?:[0-9]+|x)$/.test(p))) return `'${text}' is not a version: use x.y.z, where any node may be x.`;
  const nodes = parts.map((p) => (p === "x" ? "x" : Number(p))) as VersionNode[];
  const firstWildcard = nodes.indexOf("x");
  if (firstWildcard >= 0 && nodes.slice(firstWildcard).some((n) => n !== "x")) {
    return `The version '${text}' is not valid: once a node is x, every node after it must be x (for example 1.x.x).`;
  }
  if (nodes.some((n) => n !== "x" && n > MAX_VERSION_NODE)) return `The version '${text}' is not valid: each node must be at most ${MAX_VERSION_NODE}.`;
  return nodes as unknown as VersionSelector;
}

export function selectorMatches(selector: VersionSelector, version: string): boolean {
  const nodes = version.split(".").map(Number);
  return selector.every((node, i) => node === "x" || node === nodes[i]);
}

export function isExact(selector: VersionSelector): boolean {
  return selector.every((n) => n !== "x");
}

const pad = (n: number): string => String(n).padStart(10, "0");

/** Sorts versions numerically (1.10.0 after 1.9.0) as a string key. */
export function versionKey(version: string): string {
  return version.split(".").map((n) => pad(Number(n))).join(".");
}

/** Build numbers in newest-first order as a string key. */
function newestBuildFirst(build: number): string {
  return pad(MAX_VERSION_NODE - build);
}

/** The opposite order of versionKey (newest first in an ascending table). */
export function descendingVersionKey(version: string, build = 0): string {
  return `${version.split(".").map((n) => pad(MAX_VERSION_NODE - Number(n))).join(".")}/${pad(MAX_VERSION_NODE - build)}`;
}

/** Resource names become the lower-case ARN segment Image Builder writes (`My Recipe` → `my-recipe`). */
export function arnSegment(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_-]/g, "-");
}

/** The parts of an Image Builder ARN. */
export interface ImagebuilderArn {
  arn: string;
  partition: string;
  region: string;
  /** A 12-digit account, or `aws` / `aws-marketplace` / `third-party` for AWS-owned resources. */
  account: string;
  /** `component`, `image`, `image-recipe`, `workflow`, … */
  type: string;
  /** For workflows: `build`, `test` or `distribution`. */
  workflowType?: string;
  name: string;
  /** The version node text (`1.0.0`, `1.x.x`), when the ARN has one. */
  version?: string;
  build?: number;
}

const ARN_SHAPE =
  /^arn:([^:]+):imagebuilder:([^:]+):([^:]+):(image-recipe|container-recipe|infrastructure-configuration|distribution-configuration|component|image|image-pipeline|lifecycle-policy|workflow\/(?:build|test|distribution))\/([a-z0-9_-]+)(?:\/((?:[0-9]+|x)\.(?:[0-9]+|x)\.(?:[0-9]+|x))(?:\/([0-9]+))?)?$/;

export function parseImagebuilderArn(arn: string): ImagebuilderArn | undefined {
  const match = ARN_SHAPE.exec(arn);
  if (!match) return undefined;
  const [, partition, region, account, typePart, name, version, build] = match as unknown as string[];
  const [type, workflowType] = typePart!.split("/");
  return {
    arn,
    partition: partition!,
    region: region!,
    account: account!,
    type: type!,
    ...(workflowType ? { workflowType } : {}),
    name: name!,
    ...(version ? { version } : {}),
    ...(build ? { build: Number(build) } : {}),
  };
}

/** AWS-owned resources carry `aws` (or `aws-marketplace`, `third-party`…) instead of an account id. */
export function isAwsOwnedAccount(account: string): boolean {
  return !/^[0-9]{12}$/.test(account);
}

/** A resource that has a name, a version and a build number. */
export interface VersionedRecord {
  arn: string;
  /** The ARN name segment (lower case). */
  segment: string;
  version: string;
  build: number;
}

/** `…/name/1.2.3/4` → `…/name/1.2.3`. */
export function versionArnOf(buildArn: string): string {
  return buildArn.slice(0, buildArn.lastIndexOf("/"));
}

/** What latestVersionReferences reports for a version ARN `…/name/1.2.3`. */
export function latestVersionReferences(versionArn: string): {
  latestVersionArn: string;
  latestMajorVersionArn: string;
  latestMinorVersionArn: string;
  latestPatchVersionArn: string;
} {
  const slash = versionArn.lastIndexOf("/");
  const base = versionArn.slice(0, slash);
  const [major, minor] = versionArn.slice(slash + 1).split(".");
  return {
    latestVersionArn: `${base}/x.x.x`,
    latestMajorVersionArn: `${base}/${major}.x.x`,
    latestMinorVersionArn: `${base}/${major}.${minor}.x`,
    latestPatchVersionArn: versionArn,
  };
}

/** One name and version of a versioned family, with its builds (for List* of versions). */
export interface VersionEntry<T extends VersionedRecord> {
  versionArn: string;
  segment: string;
  version: string;
  /** Its builds, newest first. */
  builds: OrderedTable<T>;
}

/**
 * The builds of one versioned family (components, workflows, images) in one backend, kept so
 * that each list Image Builder offers is a page of an ordered table: all versions in name and
 * version order, the builds of one version or of one name newest first. Build numbers are
 * never reused: a build deleted and created again gets the next number.
 */
export class VersionedStore<T extends VersionedRecord> {
  /** Every build, by build ARN, in name / version / newest-build order. */
  readonly builds = new OrderedTable<T>((r) => `${r.segment}/${versionKey(r.version)}/${newestBuildFirst(r.build)}`);
  /** One entry per name and version that has at least one build. */
  readonly versions = new OrderedTable<VersionEntry<T>>((v) => `${v.segment}/${versionKey(v.version)}`);
  private readonly byName = new Map<string, OrderedTable<T>>();
  private readonly counters = new Map<string, number>();

  constructor(private readonly versionArnFor: (segment: string, version: string) => string) {}

  get(buildArn: string): T | undefined {
    return this.builds.get(buildArn);
  }

  nextBuild(segment: string, version: string): number {
    return (this.counters.get(`${segment}/${version}`) ?? 0) + 1;
  }

  add(record: T): void {
    const key = `${record.segment}/${record.version}`;
    this.counters.set(key, Math.max(record.build, this.counters.get(key) ?? 0));
    this.builds.set(record.arn, record);
    const versionArn = this.versionArnFor(record.segment, record.version);
    let entry = this.versions.get(versionArn);
    if (!entry) {
      entry = { versionArn, segment: record.segment, version: record.version, builds: new OrderedTable<T>((r) => newestBuildFirst(r.build)) };
      this.versions.set(versionArn, entry);
    }
    entry.builds.set(record.arn, record);
    let named = this.byName.get(record.segment);
    if (!named) {
      named = new OrderedTable<T>((r) => descendingVersionKey(r.version, r.build));
      this.byName.set(record.segment, named);
    }
    named.set(record.arn, record);
  }

  delete(buildArn: string): T | undefined {
    const record = this.builds.get(buildArn);
    if (!record) return undefined;
    this.builds.delete(buildArn);
    const versionArn = this.versionArnFor(record.segment, record.version);
    const entry = this.versions.get(versionArn);
    entry?.builds.delete(buildArn);
    if (entry && entry.builds.size === 0) this.versions.delete(versionArn);
    const named = this.byName.get(record.segment);
    named?.delete(buildArn);
    if (named && named.size === 0) this.byName.delete(record.segment);
    return record;
  }

  /** The builds of one name, newest version and build first (for wildcard lists). */
  buildsOfName(segment: string): OrderedTable<T> | undefined {
    return this.byName.get(segment);
  }

  /** The builds of one name and version, newest first. */
  buildsOfVersion(segment: string, version: string): OrderedTable<T> | undefined {
    return this.versions.get(this.versionArnFor(segment, version))?.builds;
  }

  /**
   * One build of an exact version, looked up directly (a build ARN names exactly one): the
   * cost does not grow with the builds of the name.
   */
  exactBuild(segment: string, version: string, build: number): T | undefined {
    return this.builds.get(`${this.versionArnFor(segment, version)}/${build}`);
  }

  /**
   * The newest build matching a selector that `accept` takes, walking the name's builds newest
   * first without copying them: a selector matching recent builds stops at once.
   */
  find(segment: string, selector: VersionSelector, accept: (record: T) => boolean): T | undefined {
    const named = this.byName.get(segment);
    if (!named) return undefined;
    for (const entry of named.ascendingAfter()) {
      if (selectorMatches(selector, entry.value.version) && accept(entry.value)) return entry.value;
    }
    return undefined;
  }

  /** The newest build matching a selector (and a build number, when given). */
  resolve(segment: string, selector: VersionSelector, build?: number): T | undefined {
    const named = this.byName.get(segment);
    if (!named) return undefined;
    for (const entry of named.ascendingAfter()) {
      const record = entry.value;
      if (!selectorMatches(selector, record.version)) continue;
      if (build === undefined || record.build === build) return record;
    }
    return undefined;
  }

  /** Every build matching a selector, newest first. */
  matching(segment: string, selector: VersionSelector): T[] {
    return (this.byName.get(segment)?.values() ?? []).filter((r) => selectorMatches(selector, r.version));
  }
}
