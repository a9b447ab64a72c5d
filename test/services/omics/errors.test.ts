import * as sdk from "@aws-sdk/client-omics";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { activeWorkflow, HELLO_ZIP, omics, OUTPUT, ROLE, startRun } from "./helpers.js";

/**
 * The main error of every supported operation, each as the client's own exception class
 * with its modelled status and a message naming the problem. (The family test files cover
 * the behaviour behind each one.)
 */
type Case = [operation: string, input: Record<string, unknown>, error: string, status: number, message: string];

const MISSING = "1234567";
const NOT_FOUND: Case[] = [
  ["GetWorkflow", { id: MISSING }, "ResourceNotFoundException", 404, `Workflow ${MISSING} not found.`],
  ["UpdateWorkflow", { id: MISSING, name: "x" }, "ResourceNotFoundException", 404, `Workflow ${MISSING} not found.`],
  ["DeleteWorkflow", { id: MISSING }, "ResourceNotFoundException", 404, `Workflow ${MISSING} not found.`],
  ["CreateWorkflowVersion", { workflowId: MISSING, versionName: "v1", definitionZip: HELLO_ZIP() }, "ResourceNotFoundException", 404, `Workflow ${MISSING} not found.`],
  ["GetWorkflowVersion", { workflowId: MISSING, versionName: "v1" }, "ResourceNotFoundException", 404, `Workflow ${MISSING} not found.`],
  ["UpdateWorkflowVersion", { workflowId: MISSING, versionName: "v1", description: "d" }, "ResourceNotFoundException", 404, `Workflow ${MISSING} not found.`],
  ["DeleteWorkflowVersion", { workflowId: MISSING, versionName: "v1" }, "ResourceNotFoundException", 404, `Workflow ${MISSING} not found.`],
  ["ListWorkflowVersions", { workflowId: MISSING }, "ResourceNotFoundException", 404, `Workflow ${MISSING} not found.`],
  ["StartRun", { workflowId: MISSING, roleArn: ROLE, outputUri: OUTPUT }, "ResourceNotFoundException", 404, `Workflow ${MISSING} not found.`],
  ["GetRun", { id: MISSING }, "ResourceNotFoundException", 404, `Run ${MISSING} not found.`],
  ["CancelRun", { id: MISSING }, "ResourceNotFoundException", 404, `Run ${MISSING} not found.`],
  ["DeleteRun", { id: MISSING }, "ResourceNotFoundException", 404, `Run ${MISSING} not found.`],
  ["GetRunTask", { id: MISSING, taskId: MISSING }, "ResourceNotFoundException", 404, `Run ${MISSING} not found.`],
  ["ListRunTasks", { id: MISSING }, "ResourceNotFoundException", 404, `Run ${MISSING} not found.`],
  ["StartRunBatch", { defaultRunSetting: { workflowId: MISSING, roleArn: ROLE, outputUri: OUTPUT }, batchRunSettings: { inlineSettings: [{ runSettingId: "a" }] } }, "ResourceNotFoundException", 404, `Workflow ${MISSING} not found.`],
  ["GetBatch", { batchId: MISSING }, "ResourceNotFoundException", 404, `Run batch ${MISSING} not found.`],
  ["ListRunsInBatch", { batchId: MISSING }, "ResourceNotFoundException", 404, `Run batch ${MISSING} not found.`],
  ["CancelRunBatch", { batchId: MISSING }, "ResourceNotFoundException", 404, `Run batch ${MISSING} not found.`],
  ["DeleteRunBatch", { batchId: MISSING }, "ResourceNotFoundException", 404, `Run batch ${MISSING} not found.`],
  ["DeleteBatch", { batchId: MISSING }, "ResourceNotFoundException", 404, `Run batch ${MISSING} not found.`],
  ["GetRunGroup", { id: MISSING }, "ResourceNotFoundException", 404, `Run group ${MISSING} not found.`],
  ["UpdateRunGroup", { id: MISSING, name: "x" }, "ResourceNotFoundException", 404, `Run group ${MISSING} not found.`],
  ["DeleteRunGroup", { id: MISSING }, "ResourceNotFoundException", 404, `Run group ${MISSING} not found.`],
  ["GetRunCache", { id: MISSING }, "ResourceNotFoundException", 404, `Run cache ${MISSING} not found.`],
  ["UpdateRunCache", { id: MISSING, name: "x" }, "ResourceNotFoundException", 404, `Run cache ${MISSING} not found.`],
  ["DeleteRunCache", { id: MISSING }, "ResourceNotFoundException", 404, `Run cache ${MISSING} not found.`],
  ["GetConfiguration", { name: "missing" }, "ResourceNotFoundException", 404, "Configuration missing not found."],
  ["DeleteConfiguration", { name: "missing" }, "ResourceNotFoundException", 404, "Configuration missing not found."],
  ["AcceptShare", { shareId: "missing-share" }, "ResourceNotFoundException", 404, "Share missing-share not found."],
  ["GetShare", { shareId: "missing-share" }, "ResourceNotFoundException", 404, "Share missing-share not found."],
  ["DeleteShare", { shareId: "missing-share" }, "ResourceNotFoundException", 404, "Share missing-share not found."],
  ["CreateShare", { resourceArn: `arn:aws:omics:us-east-1:123456789012:workflow/${MISSING}`, principalSubscriber: "210987654321" }, "ResourceNotFoundException", 404, "was not found in account"],
  ["PutS3AccessPolicy", { s3AccessPointArn: "arn:aws:s3:us-east-1:123456789012:accesspoint/x", s3AccessPolicy: "{}" }, "ResourceNotFoundException", 404, "has the S3 access point"],
  ["GetS3AccessPolicy", { s3AccessPointArn: "arn:aws:s3:us-east-1:123456789012:accesspoint/x" }, "ResourceNotFoundException", 404, "has the S3 access point"],
  ["DeleteS3AccessPolicy", { s3AccessPointArn: "arn:aws:s3:us-east-1:123456789012:accesspoint/x" }, "ResourceNotFoundException", 404, "has the S3 access point"],
  ["TagResource", { resourceArn: `arn:aws:omics:us-east-1:123456789012:run/${MISSING}`, tags: { a: "b" } }, "ResourceNotFoundException", 404, "was not found"],
  ["UntagResource", { resourceArn: `arn:aws:omics:us-east-1:123456789012:run/${MISSING}`, tagKeys: ["a"] }, "ResourceNotFoundException", 404, "was not found"],
  ["ListTagsForResource", { resourceArn: `arn:aws:omics:us-east-1:123456789012:run/${MISSING}` }, "ResourceNotFoundException", 404, "was not found"],
];

const INVALID: Case[] = [
  ["CreateWorkflow", { definitionZip: new Uint8Array([80, 75, 0]) }, "ValidationException", 400, "definitionZip is not a valid ZIP archive"],
  ["ListWorkflows", { maxResults: 0 }, "ValidationException", 400, "at 'maxResults' failed to satisfy constraint"],
  ["ListRuns", { maxResults: 101 }, "ValidationException", 400, "at 'maxResults' failed to satisfy constraint"],
  ["ListBatch", { name: "a", status: "PROCESSED" }, "ValidationException", 400, "Only one filter per call is supported"],
  ["CreateRunGroup", { maxCpus: 0 }, "ValidationException", 400, "at 'maxCpus' failed to satisfy constraint"],
  ["ListRunGroups", { startingToken: "forged" }, "ValidationException", 400, "pagination token"],
  ["CreateRunCache", { cacheS3Location: "not-s3" }, "ValidationException", 400, "at 'cacheS3Location' failed to satisfy constraint"],
  ["ListRunCaches", { maxResults: 101 }, "ValidationException", 400, "at 'maxResults' failed to satisfy constraint"],
  ["CreateConfiguration", { name: "c", runConfigurations: {} }, "ValidationException", 400, "at least one subnet"],
  ["ListConfigurations", { maxResults: 11 }, "ValidationException", 400, "at 'maxResults' failed to satisfy constraint"],
  ["ListShares", { resourceOwner: "EVERYONE" }, "ValidationException", 400, "at 'resourceOwner' failed to satisfy constraint"],
];

const send = (operation: string, input: Record<string, unknown>) => {
  const Command = (sdk as unknown as Record<string, new (input: object) => never>)[`${operation}Command`]!;
  return omics.send(new Command(input));
};

function expectError(error: Error & Record<string, any>, name: string, status: number, message: string): void {
  const ErrorClass = (sdk as unknown as Record<string, new (...args: never[]) => Error>)[name]!;
  expect(error).toBeInstanceOf(ErrorClass);
  expect(error.$metadata.httpStatusCode).toBe(status);
  expect(error.message).toContain(message);
}

describe("HealthOmics errors of every operation", () => {
  for (const [operation, input, name, status, message] of [...NOT_FOUND, ...INVALID]) {
    it(`${operation}: ${name} (${status})`, async () => {
      expectError(await rejectionOf(send(operation, input)), name, status, message);
    });
  }

  it("state conflicts are ConflictException (409)", async () => {
    const workflowId = await activeWorkflow();
    const runId = await startRun({ workflowId });
    expectError(await rejectionOf(send("DeleteRun", { id: runId })), "ConflictException", 409, "can be deleted once it is COMPLETED, FAILED or CANCELLED");
    aws.settle();
    expectError(await rejectionOf(send("CancelRun", { id: runId })), "ConflictException", 409, "only a PENDING, STARTING, RUNNING or STOPPING run can be cancelled");
    const { id: batchId } = await omics.send(new sdk.StartRunBatchCommand({ defaultRunSetting: { workflowId, roleArn: ROLE, outputUri: OUTPUT }, batchRunSettings: { inlineSettings: [{ runSettingId: "a" }] } }));
    expectError(await rejectionOf(send("DeleteBatch", { batchId })), "ConflictException", 409, "it can be deleted when it is PROCESSED");
  });

  it("injected throttling is ThrottlingException (429) on any operation", async () => {
    const client = new sdk.OmicsClient({ maxAttempts: 1 });
    aws.failNext("Omics", "*");
    const error = await rejectionOf(client.send(new sdk.ListRunGroupsCommand({})));
    expect(error).toBeInstanceOf(sdk.ThrottlingException);
    expect(error.$metadata.httpStatusCode).toBe(429);
    expect(error.message).toBe("Rate exceeded");
  });
});
