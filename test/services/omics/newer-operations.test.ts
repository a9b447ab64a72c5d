import * as sdk from "@aws-sdk/client-omics";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { NEWER_THAN_MODEL } from "../../support/newer-operations.js";
import { omics } from "./helpers.js";

/**
 * The conformance oracle (test/core/conformance.test.ts) reads the shared Smithy model, a
 * snapshot older than HealthOmics' workflow versions, run batches and configurations. The
 * oracle checks their errors against test/support/newer-operations.ts; this file holds the
 * rest of its checks, written from the current API reference (botocore 1.43 / SDK 3.1048): a
 * missing required member is a ValidationException naming it, and every enum member (up to
 * three structures deep) refuses a value outside its enum.
 */
const require = createRequire(import.meta.url);
const registry = require("../../../dist/services/registry.js") as typeof import("../../../src/services/registry.js");
const service = registry.findService("Omics")!;

const BOGUS = "NOT_A_REAL_ENUM_VALUE";
const batchBase = { defaultRunSetting: { workflowId: "1234567", roleArn: "arn:aws:iam::123456789012:role/r" }, batchRunSettings: { inlineSettings: [{ runSettingId: "a" }] } };

/** [operation, a request that is valid but for a bogus value in one enum member]. */
const ENUM_PROBES: Array<[string, Record<string, unknown>]> = [
  ["CreateWorkflowVersion", { workflowId: "1234567", versionName: "v1", engine: BOGUS }],
  ["CreateWorkflowVersion", { workflowId: "1234567", versionName: "v1", accelerators: BOGUS }],
  ["CreateWorkflowVersion", { workflowId: "1234567", versionName: "v1", storageType: BOGUS }],
  [
    "CreateWorkflowVersion",
    { workflowId: "1234567", versionName: "v1", definitionRepository: { connectionArn: "arn:aws:codeconnections:us-east-1:123456789012:connection/x", fullRepositoryId: "o/r", sourceReference: { type: BOGUS, value: "main" } } },
  ],
  ["GetWorkflowVersion", { workflowId: "1234567", versionName: "v1", type: BOGUS }],
  ["GetWorkflowVersion", { workflowId: "1234567", versionName: "v1", export: [BOGUS] }],
  ["UpdateWorkflowVersion", { workflowId: "1234567", versionName: "v1", storageType: BOGUS }],
  ["ListWorkflowVersions", { workflowId: "1234567", type: BOGUS }],
  ...(["workflowType", "cacheBehavior", "logLevel", "retentionMode", "storageType", "networkingMode"].map((member) => [
    "StartRunBatch",
    { ...batchBase, defaultRunSetting: { ...batchBase.defaultRunSetting, [member]: BOGUS } },
  ]) as Array<[string, Record<string, unknown>]>),
  ["ListBatch", { status: BOGUS }],
  ["ListRunsInBatch", { batchId: "1234567", submissionStatus: BOGUS }],
];

const REQUIRED_PROBES: Array<[string, Record<string, unknown>, string]> = [
  ["CreateWorkflowVersion", { workflowId: "1234567" }, "versionName"],
  ["StartRunBatch", { batchRunSettings: batchBase.batchRunSettings }, "defaultRunSetting"],
  ["StartRunBatch", { defaultRunSetting: batchBase.defaultRunSetting }, "batchRunSettings"],
  ["StartRunBatch", { ...batchBase, defaultRunSetting: { roleArn: "arn:aws:iam::123456789012:role/r" } }, "defaultRunSetting.workflowId"],
  ["StartRunBatch", { ...batchBase, defaultRunSetting: { workflowId: "1234567" } }, "defaultRunSetting.roleArn"],
  ["StartRunBatch", { ...batchBase, batchRunSettings: { inlineSettings: [{ name: "x" }] } }, "batchRunSettings.inlineSettings.1.member.runSettingId"],
  ["CancelRunBatch", {}, "batchId"],
  ["DeleteRunBatch", {}, "batchId"],
  ["CreateConfiguration", { runConfigurations: {} }, "name"],
  ["CreateConfiguration", { name: "c" }, "runConfigurations"],
];

const send = (operation: string, input: Record<string, unknown>) => {
  const Command = (sdk as unknown as Record<string, new (input: object) => never>)[`${operation}Command`]!;
  return omics.send(new Command(input));
};

describe("HealthOmics operations newer than the shared Smithy model", () => {
  it("covers every operation in the operation table that the shared model lacks", () => {
    for (const operation of Object.keys(NEWER_THAN_MODEL.Omics!)) expect(service.operations[operation], operation).toBeDefined();
  });

  for (const [operation, input] of ENUM_PROBES) {
    it(`${operation}: a bogus enum value is a ValidationException (${JSON.stringify(input).slice(0, 80)})`, async () => {
      const error = await rejectionOf(send(operation, input));
      expect(error).toBeInstanceOf(sdk.ValidationException);
      expect(error.message).toContain(BOGUS);
    });
  }

  for (const [operation, input, member] of REQUIRED_PROBES) {
    it(`${operation}: leaving out ${member} is a ValidationException naming it`, async () => {
      const error = await rejectionOf(send(operation, input));
      expect(error).toBeInstanceOf(sdk.ValidationException);
      expect(error.message).toContain(`'${member}'`);
    });
  }
});
