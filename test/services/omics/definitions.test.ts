import { CreateWorkflowCommand, GetWorkflowCommand, ListRunTasksCommand, waitUntilRunRunning, type StartRunRequest } from "@aws-sdk/client-omics";
import { describe, expect, it } from "vitest";
import { activeWorkflow, fast, omics, startRun, zipOf } from "./helpers.js";

/** The parameter template HealthOmics would generate for a definition archive. */
async function templateOf(files: Record<string, string>, engine?: "WDL" | "NEXTFLOW" | "CWL") {
  const { id } = await omics.send(new CreateWorkflowCommand({ definitionZip: zipOf(files), ...(engine ? { engine } : {}) }));
  return (await omics.send(new GetWorkflowCommand({ id }))).parameterTemplate;
}

/** The tasks a run of a definition executes, with their resources. */
async function tasksOf(files: Record<string, string>, parameters: StartRunRequest["parameters"] = {}) {
  const workflowId = await activeWorkflow({ definitionZip: zipOf(files) });
  const id = await startRun({ workflowId, parameters });
  await waitUntilRunRunning(fast(), { id });
  return (await omics.send(new ListRunTasksCommand({ id }))).items!.map((t) => ({ name: t.name, cpus: t.cpus, memory: t.memory, gpus: t.gpus }));
}

describe("HealthOmics parameter templates and tasks read from definitions", () => {
  it("WDL 1.x: workflow inputs, optional when typed ? or given a default, described by parameter_meta", async () => {
    const wdl = `version 1.1
# a comment mentioning input { File fake }
workflow align {
  input {
    File ref_fasta
    Array[Pair[File, File]]+ read_pairs
    Map[String, Int] sizes = {"a": 1}
    String? library   # optional
    Int threads = 8
  }
  parameter_meta {
    ref_fasta: { description: "Reference genome fasta file", localization_optional: true }
    read_pairs: "Paired FASTQ files"
  }
}
`;
    expect(await templateOf({ "align.wdl": wdl })).toEqual({
      ref_fasta: { description: "Reference genome fasta file", optional: false },
      read_pairs: { description: "Paired FASTQ files", optional: false },
      sizes: { optional: true },
      library: { optional: true },
      threads: { optional: true },
    });
  });

  it("WDL draft-2: unassigned workflow declarations are the inputs", async () => {
    const wdl = `workflow legacy {
  File bam
  String? tag
  Int computed = 3
  call sort { input: bam = bam }
  output { File sorted = sort.out }
}
task sort { File bam command { samtools sort \${bam} } runtime { cpu: 2 memory: "3 GB" } output { File out = "x" } }
`;
    expect(await templateOf({ "main.wdl": wdl })).toEqual({ bam: { optional: false }, tag: { optional: true } });
  });

  it("WDL: one task per call (aliases and imported tasks included), with cpu, memory and GPUs from runtime", async () => {
    const main = `version 1.0
import "lib/tasks.wdl" as lib
workflow gpu {
  scatter (i in [1, 2]) {
    call lib.train as train_model
  }
  call report
}
task report { command <<< echo >>> runtime { memory: "512 MB" } }
`;
    const lib = `version 1.0
task train {
  command <<< python train.py >>>
  runtime {
    cpu: 16
    memory: "64 GiB"
    acceleratorCount: 1
  }
}
`;
    expect(await tasksOf({ "main.wdl": main, "lib/tasks.wdl": lib })).toEqual([
      { name: "train_model", cpus: 16, memory: 64, gpus: 1 },
      { name: "report", cpus: 1, memory: 1, gpus: 0 },
    ]);
  });

  it("Nextflow: params with defaults are optional, null or unassigned ones required; the schema describes them", async () => {
    const mainNf = `nextflow.enable.dsl = 2
params.reads = null
params.outdir = "results"
/* params.commented = 1 */
process FASTQC {
  cpus 4
  memory '8 GB'
  container 'quay.io/biocontainers/fastqc:0.12.1'
  input: path reads
  script: "fastqc \${reads}"
}
process UNUSED {
  cpus 64
  script: "true"
}
workflow {
  FASTQC(Channel.fromPath(params.reads))
  log.info "genome: \${params.genome}"
}
`;
    const config = `params {
  genome = 'GRCh38'
  max_cpus = 16
}
process { executor = 'awsbatch' }
`;
    const schema = JSON.stringify({
      $defs: {
        input_output_options: {
          required: ["reads"],
          properties: { reads: { type: "string", description: "Path to the input FASTQ files" }, outdir: { type: "string", description: "Where results go" } },
        },
        generic: { properties: { email: { type: "string", description: "Email for notifications" } } },
      },
    });
    expect(await templateOf({ "main.nf": mainNf, "nextflow.config": config, "nextflow_schema.json": schema })).toEqual({
      reads: { description: "Path to the input FASTQ files", optional: false },
      outdir: { description: "Where results go", optional: true },
      genome: { optional: true },
      max_cpus: { optional: true },
      email: { description: "Email for notifications", optional: true },
    });
    expect(await tasksOf({ "main.nf": mainNf, "nextflow.config": config }, { reads: "s3://bucket/reads/*.fastq.gz" })).toEqual([{ name: "FASTQC", cpus: 4, memory: 8, gpus: 0 }]);
  });

  it("Nextflow without defaults: every referenced param is required", async () => {
    expect(await templateOf({ "main.nf": "workflow { Channel.of(params.input, params.sample) | view }\n" })).toEqual({ input: { optional: false }, sample: { optional: false } });
  });

  it("CWL: inputs as a map or a list; ? types, null unions and defaults are optional; descriptions come from label", async () => {
    const cwl = `cwlVersion: v1.2
class: Workflow
inputs:
  reference:
    type: File
    doc: Reference genome
  reads: File[]
  sample_name: string?
  min_quality:
    type: ["null", int]
  threads:
    type: int
    default: 4
    label: Thread count
outputs: []
steps:
  align:
    run: tools/align.cwl
    in: {}
    out: []
  index:
    run:
      class: CommandLineTool
      baseCommand: samtools
      requirements:
        - class: ResourceRequirement
          coresMin: 2
          ramMin: 3000
      inputs: []
      outputs: []
    in: {}
    out: []
`;
    const tool = `cwlVersion: v1.2
class: CommandLineTool
baseCommand: bwa
hints:
  ResourceRequirement:
    coresMin: 8
    ramMin: 16384
  DockerRequirement:
    dockerPull: biocontainers/bwa:0.7.17
inputs: []
outputs: []
`;
    const files = { "main.cwl": cwl, "tools/align.cwl": tool };
    // "Descriptions are extracted from the label section … If label isn't specified, the
    // description will be blank (empty string)": a `doc` is not a description.
    expect(await templateOf(files)).toEqual({
      reference: { description: "", optional: false },
      reads: { description: "", optional: false },
      sample_name: { description: "", optional: true },
      min_quality: { description: "", optional: true },
      threads: { description: "Thread count", optional: true },
    });
    expect(await tasksOf(files, { reference: "s3://b/ref.fa", reads: ["s3://b/r1.fq"] })).toEqual([
      { name: "align", cpus: 8, memory: 16, gpus: 0 },
      { name: "index", cpus: 2, memory: 3, gpus: 0 },
    ]);
  });

  it("CWL in JSON with a $graph and list inputs; a CommandLineTool is one task", async () => {
    const packed = JSON.stringify({
      cwlVersion: "v1.2",
      $graph: [
        { class: "CommandLineTool", id: "#helper", inputs: [], outputs: [] },
        { class: "CommandLineTool", id: "#main", inputs: [{ id: "#main/message", type: "string" }, { id: "#main/count", type: ["null", "int"] }], outputs: [], baseCommand: "echo" },
      ],
    });
    expect(await templateOf({ "main.cwl": packed })).toEqual({ message: { description: "", optional: false }, count: { description: "", optional: true } });
    expect(await tasksOf({ "main.cwl": packed }, { message: "hi" })).toEqual([{ name: "main", cpus: 1, memory: 1, gpus: 0 }]);
  });

  it("fails the workflow (statusMessage) when the CWL cannot be parsed", async () => {
    const { id } = await omics.send(new CreateWorkflowCommand({ definitionZip: zipOf({ "main.cwl": "class: Workflow\ninputs: [unclosed\n" }) }));
    await omics.send(new GetWorkflowCommand({ id }));
    const workflow = await omics.send(new GetWorkflowCommand({ id }));
    expect(workflow.status).toBe("FAILED");
    expect(workflow.statusMessage).toContain("main.cwl could not be parsed as CWL");
  });

  it("fails the workflow when an alias in the CWL refers to a node that contains it", async () => {
    const cwl = "class: Workflow\ninputs: &i\n  self: *i\nsteps: {}\n";
    const { id } = await omics.send(new CreateWorkflowCommand({ definitionZip: zipOf({ "main.cwl": cwl }) }));
    await omics.send(new GetWorkflowCommand({ id }));
    const workflow = await omics.send(new GetWorkflowCommand({ id }));
    expect(workflow.status).toBe("FAILED");
    expect(workflow.statusMessage).toContain("refers to a node that contains it");
  });
});
