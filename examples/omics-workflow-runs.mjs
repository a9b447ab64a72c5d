// A WDL workflow on the HealthOmics fake, end to end:
//   zip the definition → CreateWorkflow → wait ACTIVE → a run group and a run cache → two runs
//   → watch their tasks → cancel one → wait for the other to complete → a third run served from
//   the cache → delete the runs and everything else.
// Every wait is an SDK waiter, with small delays (the fake moves a resource one step per read).
//
//   node examples/omics-workflow-runs.mjs
import {
  CancelRunCommand,
  CreateRunCacheCommand,
  CreateRunGroupCommand,
  CreateWorkflowCommand,
  DeleteRunCacheCommand,
  DeleteRunCommand,
  DeleteRunGroupCommand,
  DeleteWorkflowCommand,
  GetRunCommand,
  GetWorkflowCommand,
  ListRunsCommand,
  ListRunTasksCommand,
  OmicsClient,
  StartRunCommand,
  waitUntilRunCompleted,
  waitUntilRunRunning,
  waitUntilTaskCompleted,
  waitUntilTaskRunning,
  waitUntilWorkflowActive,
} from "@aws-sdk/client-omics";
import { mockAws } from "aws-doubles";
import { strToU8, zipSync } from "fflate";
import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";

const ROLE = "arn:aws:iam::123456789012:role/OmicsWorkflowRole";
const OUTPUT = "s3://genomics-results/runs/";

const WDL = `version 1.0

workflow fastq_qc {
  input {
    String sample
    File reads
    Int min_quality = 20
  }
  parameter_meta {
    sample: "Sample name, used in output file names"
    reads: "Gzipped FASTQ file"
  }
  call trim { input: reads = reads, q = min_quality }
  call qc { input: trimmed = trim.out, sample = sample }
}

task trim {
  input { File reads  Int q }
  command <<< fastp -i ~{reads} -q ~{q} -o trimmed.fq.gz >>>
  runtime {
    cpu: 4
    memory: "8 GiB"
    docker: "123456789012.dkr.ecr.us-east-1.amazonaws.com/fastp:0.23.4"
  }
  output { File out = "trimmed.fq.gz" }
}

task qc {
  input { File trimmed  String sample }
  command <<< fastqc ~{trimmed} -o ~{sample} >>>
  runtime {
    cpu: 2
    memory: "4 GiB"
  }
}
`;

export async function main() {
  const aws = mockAws();
  try {
    const omics = new OmicsClient({ region: "us-east-1" });
    const waiter = { client: omics, maxWaitTime: 10, minDelay: 0.001, maxDelay: 0.001 };

    // 1. The definition is a real zip archive; HealthOmics reads the parameter template from it.
    const definitionZip = zipSync({ "main.wdl": strToU8(WDL) });
    const workflow = await omics.send(new CreateWorkflowCommand({ name: "fastq-qc", definitionZip, requestId: "create-fastq-qc" }));
    assert.equal(workflow.status, "CREATING");
    await waitUntilWorkflowActive(waiter, { id: workflow.id });
    const { parameterTemplate } = await omics.send(new GetWorkflowCommand({ id: workflow.id }));
    assert.deepEqual(parameterTemplate, {
      sample: { description: "Sample name, used in output file names", optional: false },
      reads: { description: "Gzipped FASTQ file", optional: false },
      min_quality: { optional: true },
    });

    // 2. A run group caps the compute of its runs; a run cache keeps task outputs for reuse.
    const group = await omics.send(new CreateRunGroupCommand({ name: "qc-runs", maxRuns: 4, maxCpus: 32 }));
    const cache = await omics.send(new CreateRunCacheCommand({ cacheS3Location: "s3://genomics-cache/qc/", cacheBehavior: "CACHE_ALWAYS" }));

    const start = (sample) =>
      omics.send(
        new StartRunCommand({
          workflowId: workflow.id,
          name: `qc-${sample}`,
          roleArn: ROLE,
          outputUri: OUTPUT,
          runGroupId: group.id,
          cacheId: cache.id,
          parameters: { sample, reads: `s3://genomics-input/${sample}.fastq.gz` },
          requestId: `qc-${sample}`,
        }),
      );
    const [doomed, kept] = [await start("NA12878"), await start("NA24385")];

    // 3. Both runs start; each has one task per call of the workflow.
    await waitUntilRunRunning(waiter, { id: doomed.id });
    await waitUntilRunRunning(waiter, { id: kept.id });
    const tasks = (await omics.send(new ListRunTasksCommand({ id: kept.id }))).items;
    assert.deepEqual(
      tasks.map((t) => [t.name, t.cpus, t.memory]),
      [
        ["trim", 4, 8],
        ["qc", 2, 4],
      ],
    );
    for (const task of tasks) await waitUntilTaskRunning(waiter, { id: kept.id, taskId: task.taskId });

    // 4. Cancel one run: waitUntilRunRunning fails on CANCELLED (waitUntilRunCompleted would
    //    not: like the real waiter, it does not match CANCELLED and would time out).
    await omics.send(new CancelRunCommand({ id: doomed.id }));
    await assert.rejects(waitUntilRunRunning(waiter, { id: doomed.id }), /"state":"FAILURE"/);
    assert.equal((await omics.send(new GetRunCommand({ id: doomed.id }))).status, "CANCELLED");

    // 5. The other runs to completion, task by task.
    for (const task of tasks) await waitUntilTaskCompleted(waiter, { id: kept.id, taskId: task.taskId });
    await waitUntilRunCompleted(waiter, { id: kept.id });
    const completed = await omics.send(new GetRunCommand({ id: kept.id }));
    assert.equal(completed.status, "COMPLETED");
    assert.equal(completed.runOutputUri, `${OUTPUT}${kept.id}`);

    // 6. The same sample again: every task is served from the run cache.
    const again = await omics.send(new StartRunCommand({ runId: kept.id, roleArn: ROLE, outputUri: OUTPUT }));
    await waitUntilRunCompleted(waiter, { id: again.id });
    const cacheHits = (await omics.send(new ListRunTasksCommand({ id: again.id }))).items.map((t) => t.cacheHit);
    assert.deepEqual(cacheHits, [true, true]);

    // 7. Clean up: runs can be deleted once they have ended, then the rest.
    for (const id of [doomed.id, kept.id, again.id]) await omics.send(new DeleteRunCommand({ id }));
    assert.deepEqual((await omics.send(new ListRunsCommand({}))).items, []);
    await omics.send(new DeleteRunGroupCommand({ id: group.id }));
    await omics.send(new DeleteRunCacheCommand({ id: cache.id }));
    await omics.send(new DeleteWorkflowCommand({ id: workflow.id }));

    return { cancelled: doomed.id, completed: kept.id, cacheHits };
  } finally {
    aws.restore();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const result = await main();
  console.log(`run ${result.cancelled} cancelled, run ${result.completed} completed; the re-run hit the cache for ${result.cacheHits.length} tasks`);
}
