import type { OmicsEnv } from "../backend.js";
import { conflict, invalid, notFound } from "../errors.js";
import { readSetStatus, touch, unreadable, type ReadSetRecord } from "./read-sets.js";

/**
 * Runs meet stores: a run parameter may name a read set or a reference by its HealthOmics
 * storage URI, as the developer guide shows —
 *   omics://<account>.storage.<region>.amazonaws.com/<sequenceStoreId>/readSet/<readSetId>[/source1|/source2|/index]
 *   omics://<account>.storage.<region>.amazonaws.com/<referenceStoreId>/reference/<referenceId>[/source|/index]
 * StartRun (and each run a batch submits) checks every such URI: it must be well formed and in
 * the run's Region (ValidationException), name an existing resource and file
 * (ResourceNotFoundException), and the read set or reference must be ACTIVE — an archived read
 * set must be activated first (ConflictException). A run reading a read set counts as an access.
 */
const URI = /^omics:\/\/([0-9]{12})\.storage\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([0-9]+)\/(readSet|reference)\/([0-9]+)(?:\/([A-Za-z0-9]+))?\/?$/;
const READ_SET_FILES = new Set(["source1", "source2", "index"]);
const REFERENCE_FILES = new Set(["source", "index"]);
const MAX_DEPTH = 32;

/** Every string in the parameters that starts with omics://, with where it was found. */
function storageUris(value: unknown, path: string, depth: number, out: Array<{ uri: string; path: string }>): void {
  if (depth > MAX_DEPTH) return;
  if (typeof value === "string") {
    if (value.startsWith("omics://")) out.push({ uri: value, path });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => storageUris(item, `${path}[${i}]`, depth + 1, out));
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) storageUris(item, path === "" ? key : `${path}.${key}`, depth + 1, out);
  }
}

export interface StorageInputs {
  /** The run was started: the read sets it reads were accessed now. */
  markRead(): void;
}

/** Checks the storage URIs among a run's parameters (raising StartRun's errors); nothing is changed until markRead(). */
export function storageInputsOf(env: OmicsEnv, parameters: unknown): StorageInputs {
  const found: Array<{ uri: string; path: string }> = [];
  storageUris(parameters, "", 0, found);
  const readSets: ReadSetRecord[] = [];
  const nowMs = env.engine.clock.nowMs();
  const region = env.backend.scope.region;
  for (const { uri, path } of found) {
    const where = `Run parameter ${path} (${uri})`;
    const match = URI.exec(uri);
    if (!match) {
      throw invalid(`${where} is not a HealthOmics storage URI: omics://<account>.storage.<region>.amazonaws.com/<storeId>/readSet/<readSetId> or …/reference/<referenceId>, optionally followed by the file.`);
    }
    const [, accountId, uriRegion, storeId, kind, id, file] = match as unknown as [string, string, string, string, string, string, string | undefined];
    if (uriRegion !== region) throw invalid(`${where} names storage in ${uriRegion}; a run in ${region} reads HealthOmics storage of its own Region.`);
    const owner = accountId === env.backend.scope.accountId ? env.backend : env.backendFor(accountId);
    if (kind === "readSet") {
      if (file !== undefined && !READ_SET_FILES.has(file)) throw invalid(`${where} names the file ${file}; a read set has source1, source2 and index.`);
      const store = owner.storage.sequenceStores.get(storeId);
      const readSet = store?.readSets.get(id);
      if (!store || !readSet) throw notFound(`${where}: read set ${id} was not found in sequence store ${storeId} of account ${accountId}.`);
      if (file === "source2" && readSet.fileType !== "FASTQ") throw notFound(`${where}: read set ${id} is ${readSet.fileType} and has no source2 file.`);
      if (file === "index" && (readSet.fileType === "FASTQ" || readSet.fileType === "UBAM")) throw notFound(`${where}: read set ${id} is ${readSet.fileType} and has no index file.`);
      const problem = unreadable(readSet, nowMs);
      if (problem) throw conflict(`${where}: ${problem}`);
      readSets.push(readSet);
    } else {
      if (file !== undefined && !REFERENCE_FILES.has(file)) throw invalid(`${where} names the file ${file}; a reference has source and index.`);
      const reference = owner.storage.referenceStores.get(storeId)?.references.get(id);
      if (!reference) throw notFound(`${where}: reference ${id} was not found in reference store ${storeId} of account ${accountId}.`);
      if (reference.status !== "ACTIVE") throw conflict(`${where}: reference ${id} is ${reference.status}.`);
    }
  }
  return {
    markRead() {
      const at = env.engine.clock.nowMs();
      for (const readSet of readSets) if (readSetStatus(readSet, at) === "ACTIVE") touch(readSet, at);
    },
  };
}
