import { GetRunCommand, ValidationException } from "@aws-sdk/client-omics";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { activeWorkflow, HELLO_PARAMS, omics, startRun } from "./helpers.js";

describe("HealthOmics run parameters and output locations", () => {
  it("accepts fully qualified WDL input names (workflow.input) as run parameters", async () => {
    // "HealthOmics supports fully qualified variables in input.json" (WDL workflow definition specifics).
    const workflowId = await activeWorkflow();
    const qualified = { "hello.sample_name": "NA12878", "hello.reads": "s3://omics-input/NA12878.fastq.gz", "hello.threads": 8 };
    const id = await startRun({ workflowId, parameters: qualified });
    expect((await omics.send(new GetRunCommand({ id }))).parameters).toEqual(qualified);
    // Short and qualified names mix freely.
    await startRun({ workflowId, parameters: { sample_name: "NA12878", "hello.reads": HELLO_PARAMS.reads } });

    const twice = await rejectionOf(startRun({ workflowId, parameters: { ...HELLO_PARAMS, "hello.reads": HELLO_PARAMS.reads } }));
    expect(twice).toBeInstanceOf(ValidationException);
    expect(twice.message).toContain("gives workflow parameter reads twice");
    const otherWorkflow = await rejectionOf(startRun({ workflowId, parameters: { sample_name: "x", "align.reads": HELLO_PARAMS.reads } }));
    expect(otherWorkflow.message).toContain("not in the workflow's parameter template: align.reads");
    expect(otherWorkflow.message).toContain("hello.<name>");
    const missing = await rejectionOf(startRun({ workflowId, parameters: { "hello.sample_name": "x" } }));
    expect(missing.message).toContain("missing required workflow parameters: reads");
  });

  it("says what is wrong with an outputUri: the scheme, the bucket name's length or its characters", async () => {
    const workflowId = await activeWorkflow();
    const cases: Array<[string, string]> = [
      ["/tmp/out", "is not an Amazon S3 URI: it must start with s3://"],
      ["s3:///prefix", "names no bucket"],
      ["s3://ab/out", "the bucket name 'ab' is 2 characters long; Amazon S3 bucket names are 3 to 63 characters long"],
      [`s3://${"b".repeat(64)}/out`, "is 64 characters long"],
      ["s3://My_Bucket/out", "the bucket name 'My_Bucket' contains 'M'"],
      ["s3://-bucket/out", "must begin and end with a lowercase letter or a number"],
    ];
    for (const [outputUri, message] of cases) {
      const error = await rejectionOf(startRun({ workflowId, outputUri }));
      expect(error, outputUri).toBeInstanceOf(ValidationException);
      expect(error.message, outputUri).toContain(message);
    }
    for (const outputUri of ["s3://abc", "s3://my.bucket-1/runs/", `s3://${"b".repeat(63)}/x`]) await startRun({ workflowId, outputUri });
  });
});
