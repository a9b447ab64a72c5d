import { readerProblems, type ParsedDefinition } from "./format.js";

export type Compatibility = "NONE" | "DISABLED" | "BACKWARD" | "BACKWARD_ALL" | "FORWARD" | "FORWARD_ALL" | "FULL" | "FULL_ALL";

/** A version the new one is checked against. */
export interface ComparedVersion {
  versionNumber: number;
  definition: ParsedDefinition;
}

/**
 * What each mode checks (Glue developer guide, "Schema versioning and compatibility"):
 * BACKWARD — consumers with the new version read data written with the previous one;
 * FORWARD — consumers with the previous version read data written with the new one;
 * FULL — both. The _ALL modes check against every available version from the schema's
 * checkpoint on, not only the latest. NONE checks nothing; DISABLED allows no new version
 * (refused before a version is created).
 *
 * `available` are the schema's AVAILABLE versions, oldest first. Returns the reasons the new
 * version fails, each naming the version it conflicts with; empty when it passes.
 */
export function compatibilityProblems(mode: Compatibility, candidate: ParsedDefinition, available: readonly ComparedVersion[], checkpoint: number): string[] {
  if (mode === "NONE" || mode === "DISABLED" || available.length === 0) return [];
  const transitive = mode.endsWith("_ALL");
  const against = transitive ? available.filter((v) => v.versionNumber >= checkpoint) : available.slice(-1);
  const backward = mode.startsWith("BACKWARD") || mode.startsWith("FULL");
  const forward = mode.startsWith("FORWARD") || mode.startsWith("FULL");
  const problems: string[] = [];
  for (const version of against) {
    if (backward) for (const p of readerProblems(candidate, version.definition)) problems.push(`${mode}: the new version cannot read data written with version ${version.versionNumber}: ${p}`);
    if (forward) for (const p of readerProblems(version.definition, candidate)) problems.push(`${mode}: version ${version.versionNumber} cannot read data written with the new version: ${p}`);
  }
  return problems;
}

/** Whether registering under this mode needs a check (and so passes through PENDING). */
export function needsCheck(mode: Compatibility, available: readonly ComparedVersion[]): boolean {
  return mode !== "NONE" && mode !== "DISABLED" && available.length > 0;
}
