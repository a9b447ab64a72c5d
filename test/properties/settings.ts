import * as glue from "@aws-sdk/client-glue";
import * as imagebuilder from "@aws-sdk/client-imagebuilder";
import * as omics from "@aws-sdk/client-omics";
import * as proton from "@aws-sdk/client-proton";
import { sdkOperations } from "../support/fuzz.js";

/**
 * How big a property run is. The default run is small and replays the same cases every time
 * (a fixed seed), so `npm test` stays fast and a failure reproduces; the full run
 * (`AWS_DOUBLES_PROPERTIES=full`) tries many more cases from a random seed, printed so that a
 * failure it finds can be replayed with `AWS_DOUBLES_PROPERTIES_SEED=<seed>`.
 */
const DEFAULT_SEED = 20_150_415;

export const FULL = process.env.AWS_DOUBLES_PROPERTIES === "full";

function seedFromEnvironment(): number | undefined {
  const text = process.env.AWS_DOUBLES_PROPERTIES_SEED;
  if (text === undefined || text === "") return undefined;
  const seed = Number(text);
  if (!Number.isInteger(seed)) throw new Error(`AWS_DOUBLES_PROPERTIES_SEED must be an integer; got ${text}`);
  return seed;
}

export const SEED = seedFromEnvironment() ?? (FULL ? (Date.now() ^ Math.floor(Math.random() * 2 ** 31)) | 0 : DEFAULT_SEED);

/** Cases per command: random bad input (property 1) and near-valid input (property 2). */
export const RUNS = FULL ? { bad: 150, nearValid: 150 } : { bad: 6, nearValid: 6 };

/** A bound on one suite (a hang fails it); it measures nothing: the shared machines are slow and noisy. */
export const TIMEOUT = FULL ? 6 * 60 * 60_000 : 300_000;

/** The world is built again before every this many commands (every command in the full run: each replays alone). */
export const REBUILD_EVERY = FULL ? 1 : 8;

/**
 * `AWS_DOUBLES_PROPERTIES_COMMANDS=CreateJob,GetJob`: only these commands (to replay one). A
 * name that is no command of the four clients (a typo) is refused: it would check nothing and pass.
 */
export const ONLY: ReadonlySet<string> | undefined = onlyFromEnvironment();

function onlyFromEnvironment(): ReadonlySet<string> | undefined {
  const text = process.env.AWS_DOUBLES_PROPERTIES_COMMANDS;
  if (!text) return undefined;
  const names = new Set(text.split(",").map((name) => name.trim()));
  const known = new Set([glue, imagebuilder, omics, proton].flatMap((sdk) => sdkOperations(sdk)));
  const unknown = [...names].filter((name) => !known.has(name));
  if (unknown.length > 0) throw new Error(`AWS_DOUBLES_PROPERTIES_COMMANDS names no command of the four clients: ${unknown.join(", ")} (write operation names such as CreateJob, without "Command")`);
  return names;
}

/** The seed of one command's run: the run's seed and the command's name, so commands draw different cases. */
export function seedFor(operation: string): number {
  let hash = SEED | 0;
  for (let i = 0; i < operation.length; i++) hash = (Math.imul(hash, 31) + operation.charCodeAt(i)) | 0;
  return hash;
}

export function describeRun(service: string, commands: number): string {
  return `[properties] ${service}: ${commands} commands × (${RUNS.bad} bad + ${RUNS.nearValid} near-valid) inputs, seed ${SEED}${FULL ? " (full run)" : ""}; replay with AWS_DOUBLES_PROPERTIES_SEED=${SEED}${FULL ? " AWS_DOUBLES_PROPERTIES=full" : ""}`;
}
