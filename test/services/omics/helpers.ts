import {
  CreateRunCacheCommand,
  CreateRunGroupCommand,
  CreateWorkflowCommand,
  GetRunCommand,
  ListRunTasksCommand,
  OmicsClient,
  StartRunCommand,
  waitUntilWorkflowActive,
  type CreateWorkflowRequest,
  type StartRunRequest,
} from "@aws-sdk/client-omics";
import { strToU8, zipSync } from "fflate";

/** Shared setup for the HealthOmics tests: a client, definitions and builders. */
export const omics = new OmicsClient({});
export const ACCOUNT = "123456789012";
export const OTHER_ACCOUNT = "210987654321";
export const REGION = "us-east-1";
export const arn = (resource: string) => `arn:aws:omics:${REGION}:${ACCOUNT}:${resource}`;
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/OmicsWorkflowRole`;
export const OUTPUT = "s3://omics-output/results/";

/** Waiter settings for a fake: tiny delays, a short overall limit. */
export const fast = (client: OmicsClient = omics, maxWaitTime = 5) => ({ client, maxWaitTime, minDelay: 0.001, maxDelay: 0.001 });

/** A small WDL 1.0 workflow: two calls, one required and two optional inputs. */
export const HELLO_WDL = `version 1.0

workflow hello {
  input {
    String sample_name
    File reads
    Int threads = 4
    String? note
  }
  parameter_meta {
    sample_name: "Name of the sample"
    reads: { description: "FASTQ reads", help: "unused" }
  }
  call align { input: reads = reads, threads = threads }
  call report as summary { input: bam = align.bam }
}

task align {
  input {
    File reads
    Int threads
  }
  command <<< bwa mem -t ~{threads} ref.fa ~{reads} > out.bam >>>
  runtime {
    cpu: 4
    memory: "16 GiB"
    docker: "123456789012.dkr.ecr.us-east-1.amazonaws.com/bwa:0.7.17"
  }
  output { File bam = "out.bam" }
}

task report {
  input { File bam }
  command <<< samtools flagstat ~{bam} >>>
  runtime { cpu: 1 memory: "2 GiB" }
}
`;

/** Zips text files (path → content) the way a user would package a definition. */
export function zipOf(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([path, text]) => [path, strToU8(text)])));
}

export const HELLO_ZIP = () => zipOf({ "main.wdl": HELLO_WDL });

/** Parameters HELLO_WDL requires. */
export const HELLO_PARAMS = { sample_name: "NA12878", reads: "s3://omics-input/NA12878.fastq.gz" };

/** Creates the hello workflow (or another definition) and waits until it is ACTIVE. */
export async function activeWorkflow(input: Partial<CreateWorkflowRequest> = {}): Promise<string> {
  const { id } = await omics.send(new CreateWorkflowCommand({ name: "hello", definitionZip: HELLO_ZIP(), ...input }));
  await waitUntilWorkflowActive(fast(), { id: id! });
  return id!;
}

export async function startRun(input: Partial<StartRunRequest> & { workflowId?: string } = {}): Promise<string> {
  const { id } = await omics.send(new StartRunCommand({ roleArn: ROLE, outputUri: OUTPUT, parameters: HELLO_PARAMS, ...input }));
  return id!;
}

export async function runGroup(limits: { maxRuns?: number; maxCpus?: number; maxGpus?: number; maxDuration?: number } = {}): Promise<string> {
  return (await omics.send(new CreateRunGroupCommand({ name: "group", ...limits }))).id!;
}

export async function runCache(cacheBehavior?: "CACHE_ALWAYS" | "CACHE_ON_FAILURE"): Promise<string> {
  return (await omics.send(new CreateRunCacheCommand({ cacheS3Location: "s3://omics-cache/runs/", ...(cacheBehavior ? { cacheBehavior } : {}) }))).id!;
}

/** Reads a run until it reports `status` (at most `limit` reads); returns the statuses seen. */
export async function readRunUntil(id: string, status: string, limit = 20): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < limit; i++) {
    const run = await omics.send(new GetRunCommand({ id }));
    if (seen[seen.length - 1] !== run.status) seen.push(run.status!);
    if (run.status === status) return seen;
  }
  throw new Error(`run ${id} did not reach ${status} in ${limit} reads; saw ${seen.join(" → ")}`);
}

export async function taskIds(runId: string): Promise<string[]> {
  return ((await omics.send(new ListRunTasksCommand({ id: runId }))).items ?? []).map((t) => t.taskId!);
}
