import * as sdk from "@aws-sdk/client-omics";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { activeWorkflow, HELLO_PARAMS, HELLO_ZIP, omics, OUTPUT, ROLE } from "./helpers.js";

/**
 * `requestId` on every token-bearing operation of the workflow side: the same id with the
 * same request answers with the first resource; with another request it is a
 * ConflictException (the documented choice); once that resource is deleted, the same
 * request creates a new one.
 */
interface Case {
  operation: string;
  /** The request (without requestId), given the ACTIVE workflow the cases share. */
  request(workflowId: string): Record<string, unknown>;
  /** A member that makes it another request. */
  change: Record<string, unknown>;
  /** The resource's identity in the response. */
  idOf(output: Record<string, any>): string;
  /** How many such resources exist. */
  count(workflowId: string): Promise<number>;
  /** Deletes the resource (after aws.settle()). */
  remove(output: Record<string, any>): Promise<unknown>;
}

const VPC = { vpcConfig: { securityGroupIds: ["sg-0123abcd"], subnetIds: ["subnet-0123abcd"] } };
const inlineSettings = [{ runSettingId: "s1", parameters: HELLO_PARAMS }];
const items = async (command: object) => ((await omics.send(command as never)) as { items?: unknown[] }).items?.length ?? 0;

const CASES: Case[] = [
  {
    operation: "CreateWorkflow",
    request: () => ({ name: "wf", definitionZip: HELLO_ZIP() }),
    change: { name: "other" },
    idOf: (o) => o.id,
    // The shared workflow is one of them.
    count: async () => (await items(new sdk.ListWorkflowsCommand({}))) - 1,
    remove: (o) => omics.send(new sdk.DeleteWorkflowCommand({ id: o.id })),
  },
  {
    operation: "CreateWorkflowVersion",
    request: (workflowId) => ({ workflowId, versionName: "v1", definitionZip: HELLO_ZIP() }),
    change: { description: "another" },
    idOf: (o) => o.uuid,
    count: (workflowId) => items(new sdk.ListWorkflowVersionsCommand({ workflowId })),
    remove: (o) => omics.send(new sdk.DeleteWorkflowVersionCommand({ workflowId: o.workflowId, versionName: o.versionName })),
  },
  {
    operation: "StartRun",
    request: (workflowId) => ({ workflowId, roleArn: ROLE, outputUri: OUTPUT, parameters: HELLO_PARAMS }),
    change: { parameters: { ...HELLO_PARAMS, threads: 2 } },
    idOf: (o) => o.uuid,
    count: () => items(new sdk.ListRunsCommand({})),
    remove: (o) => omics.send(new sdk.DeleteRunCommand({ id: o.id })),
  },
  {
    operation: "StartRunBatch",
    request: (workflowId) => ({ defaultRunSetting: { workflowId, roleArn: ROLE, outputUri: OUTPUT }, batchRunSettings: { inlineSettings } }),
    change: { batchName: "other" },
    idOf: (o) => o.uuid,
    count: () => items(new sdk.ListBatchCommand({})),
    remove: (o) => omics.send(new sdk.DeleteBatchCommand({ batchId: o.id })),
  },
  {
    operation: "CreateRunGroup",
    request: () => ({ name: "group", maxRuns: 2 }),
    change: { maxRuns: 3 },
    idOf: (o) => o.id,
    count: () => items(new sdk.ListRunGroupsCommand({})),
    remove: (o) => omics.send(new sdk.DeleteRunGroupCommand({ id: o.id })),
  },
  {
    operation: "CreateRunCache",
    request: () => ({ cacheS3Location: "s3://omics-cache/runs/" }),
    change: { cacheBehavior: "CACHE_ALWAYS" },
    idOf: (o) => o.id,
    count: () => items(new sdk.ListRunCachesCommand({})),
    remove: (o) => omics.send(new sdk.DeleteRunCacheCommand({ id: o.id })),
  },
  {
    operation: "CreateConfiguration",
    request: () => ({ name: "vpc", runConfigurations: VPC }),
    change: { description: "another" },
    idOf: (o) => o.uuid,
    count: () => items(new sdk.ListConfigurationsCommand({})),
    remove: async (o) => {
      await omics.send(new sdk.DeleteConfigurationCommand({ name: o.name }));
      aws.settle(); // DELETING → DELETED: the name is free again
    },
  },
];

const send = (operation: string, input: Record<string, unknown>) => {
  const Command = (sdk as unknown as Record<string, new (input: object) => never>)[`${operation}Command`]!;
  return omics.send(new Command(input)) as Promise<Record<string, any>>;
};

describe("HealthOmics requestId idempotency", () => {
  for (const c of CASES) {
    it(`${c.operation}: replays the same request, refuses another with ConflictException, creates anew once deleted`, async () => {
      const workflowId = await activeWorkflow();
      const request = { ...c.request(workflowId), requestId: `${c.operation}-token` };

      const first = await send(c.operation, request);
      const replay = await send(c.operation, request);
      expect(c.idOf(replay)).toBe(c.idOf(first));
      expect(replay.$metadata.httpStatusCode).toBe(first.$metadata.httpStatusCode);
      expect(await c.count(workflowId)).toBe(1);

      const other = await rejectionOf(send(c.operation, { ...request, ...c.change }));
      expect(other).toBeInstanceOf(sdk.ConflictException);
      expect(other.$metadata.httpStatusCode).toBe(409);
      expect(other.message).toBe(`The request ID ${c.operation}-token was already used for a different ${c.operation} request. Use a new request ID for a new request.`);
      expect(await c.count(workflowId)).toBe(1);

      // Without a requestId the SDK fills in a fresh one: the same request is a new resource.
      const { requestId: _, ...untokened } = request;
      if (c.operation !== "CreateWorkflowVersion" && c.operation !== "CreateConfiguration") {
        expect(c.idOf(await send(c.operation, untokened))).not.toBe(c.idOf(first));
        expect(await c.count(workflowId)).toBe(2);
      }

      aws.settle();
      await c.remove(first);
      const fresh = await send(c.operation, request);
      expect(c.idOf(fresh)).not.toBe(c.idOf(first));
    });
  }
});
