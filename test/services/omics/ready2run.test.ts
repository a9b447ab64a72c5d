import {
  GetRunCommand,
  GetWorkflowCommand,
  ListRunTasksCommand,
  ListWorkflowsCommand,
  paginateListWorkflows,
  ResourceNotFoundException,
  StartRunCommand,
  ValidationException,
  waitUntilRunCompleted,
} from "@aws-sdk/client-omics";
import { seedReady2RunWorkflow } from "aws-doubles/omics";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { fast, HELLO_ZIP, omics, OUTPUT, ROLE } from "./helpers.js";

describe("HealthOmics Ready2Run workflows (seeded with seedReady2RunWorkflow)", () => {
  it("reads a seeded workflow with type READY2RUN, lists the catalogue, and runs it", async () => {
    const seeded = seedReady2RunWorkflow({
      id: "9500001",
      name: "GATK-BP Germline fq2vcf for 30x genome",
      description: "Ready2Run germline variant calling",
      parameterTemplate: { inputFASTQ_1: { description: "R1", optional: false }, inputFASTQ_2: { description: "R2", optional: false }, sampleName: { description: "sample", optional: true } },
    });
    expect(seeded).toEqual({ id: "9500001", arn: "arn:aws:omics:us-east-1::workflow/9500001" });

    const workflow = await omics.send(new GetWorkflowCommand({ id: "9500001", type: "READY2RUN" }));
    expect(workflow).toMatchObject({ id: "9500001", type: "READY2RUN", status: "ACTIVE", name: "GATK-BP Germline fq2vcf for 30x genome", description: "Ready2Run germline variant calling" });
    expect(workflow.tags).toBeUndefined();
    // A private lookup does not find AWS's workflows.
    expect(await rejectionOf(omics.send(new GetWorkflowCommand({ id: "9500001" })))).toBeInstanceOf(ResourceNotFoundException);

    const listed = await omics.send(new ListWorkflowsCommand({ type: "READY2RUN" }));
    expect(listed.items).toEqual([expect.objectContaining({ id: "9500001", type: "READY2RUN", status: "ACTIVE" })]);
    expect((await omics.send(new ListWorkflowsCommand({}))).items).toEqual([]);

    const missing = await rejectionOf(omics.send(new StartRunCommand({ workflowId: "9500001", workflowType: "READY2RUN", roleArn: ROLE, outputUri: OUTPUT, parameters: { inputFASTQ_1: "s3://in/r1.fq.gz" } })));
    expect(missing).toBeInstanceOf(ValidationException);
    expect(missing.message).toContain("inputFASTQ_2");
    const run = await omics.send(
      new StartRunCommand({ workflowId: "9500001", workflowType: "READY2RUN", roleArn: ROLE, outputUri: OUTPUT, parameters: { inputFASTQ_1: "s3://in/r1.fq.gz", inputFASTQ_2: "s3://in/r2.fq.gz" } }),
    );
    expect((await waitUntilRunCompleted(fast(), { id: run.id })).state).toBe("SUCCESS");
    expect(await omics.send(new GetRunCommand({ id: run.id }))).toMatchObject({ workflowId: "9500001", workflowType: "READY2RUN" });
  });

  it("takes tasks and a parameter template from a seeded definition, and pages the catalogue", async () => {
    const { id } = seedReady2RunWorkflow({ name: "hello", definitionZip: HELLO_ZIP() });
    seedReady2RunWorkflow({ name: "second" });
    seedReady2RunWorkflow({ name: "third" });
    const workflow = await omics.send(new GetWorkflowCommand({ id, type: "READY2RUN" }));
    expect(workflow.engine).toBe("WDL");
    expect(Object.keys(workflow.parameterTemplate ?? {})).toEqual(["sample_name", "reads", "threads", "note"]);
    const run = await omics.send(
      new StartRunCommand({ workflowId: id, workflowType: "READY2RUN", roleArn: ROLE, outputUri: OUTPUT, parameters: { sample_name: "NA12878", reads: "s3://in/reads.fq" } }),
    );
    await waitUntilRunCompleted(fast(), { id: run.id });
    expect((await omics.send(new ListRunTasksCommand({ id: run.id }))).items!.map((t) => t.name).sort()).toEqual(["align", "summary"]);

    const pages = [];
    for await (const page of paginateListWorkflows({ client: omics, pageSize: 2 }, { type: "READY2RUN" })) pages.push(page.items!.map((w) => w.name));
    expect(pages).toEqual([["hello", "second"], ["third"]]);
  });

  it("refuses seeds it cannot use", () => {
    expect(() => seedReady2RunWorkflow({ name: "" })).toThrow(/needs a name/);
    expect(() => seedReady2RunWorkflow({ name: "x", id: "abc" })).toThrow(/1 to 18 digits/);
    // A number is no id: the pattern test took it as its digits and stored a workflow GetWorkflow could never find.
    expect(() => seedReady2RunWorkflow({ name: "x", id: 1234568 as never })).toThrow(/1 to 18 digits, as text/);
    seedReady2RunWorkflow({ name: "x", id: "1234567" });
    expect(() => seedReady2RunWorkflow({ name: "y", id: "1234567" })).toThrow(/already has a workflow 1234567/);
    expect(() => seedReady2RunWorkflow({ name: "z", definitionZip: new Uint8Array([1, 2, 3]) })).toThrow(/not a valid ZIP archive/);
  });
});
