import * as omicsSdk from "@aws-sdk/client-omics";
import {
  GetBatchCommand,
  GetReadSetMetadataCommand,
  GetS3AccessPolicyCommand,
  ListAnnotationImportJobsCommand,
  ListAnnotationStoresCommand,
  ListAnnotationStoreVersionsCommand,
  ListBatchCommand,
  ListConfigurationsCommand,
  ListMultipartReadSetUploadsCommand,
  ListReadSetActivationJobsCommand,
  ListReadSetExportJobsCommand,
  ListReadSetImportJobsCommand,
  ListReadSetsCommand,
  ListReadSetUploadPartsCommand,
  ListReferenceImportJobsCommand,
  ListReferencesCommand,
  ListReferenceStoresCommand,
  ListRunCachesCommand,
  ListRunGroupsCommand,
  ListRunsCommand,
  ListRunTasksCommand,
  ListSequenceStoresCommand,
  ListSharesCommand,
  ListTagsForResourceCommand,
  ListVariantImportJobsCommand,
  ListVariantStoresCommand,
  ListWorkflowsCommand,
  ListWorkflowVersionsCommand,
} from "@aws-sdk/client-omics";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { classifyFailure, commandOf, malformedInputs, modelledErrors, sdkOperations } from "../../support/fuzz.js";
import { FRESH, validRequests, world, type World } from "./bad-input-requests.js";
import { arn, omics } from "./helpers.js";

/**
 * Values no caller should send, put in turn into every member (two levels deep) of a valid
 * request to every HealthOmics operation. Whatever the fake answers must be a modelled
 * HealthOmics error or a success, never a crash; and a request it refuses changes nothing
 * any read can see (checked by reading everything before and after the refused requests).
 */
const BAD: readonly unknown[] = [
  null,
  "",
  "\u0000",
  "a\nb",
  "\uD800",
  "💥".repeat(300),
  // Longer than every length limit of HealthOmics (10,000 for analytics page tokens), not much
  // more: a string given for a list bound to the query string becomes one query value per
  // character, which the SDK's request signer takes time quadratic in the count to sort.
  "x".repeat(12_000),
  -1,
  1.5,
  1e20,
  Number.NaN,
  true,
  {},
  [],
  [null],
  { ["__proto__"]: "p", constructor: "c" },
];

/** Everything a caller can read (without $metadata); reads move nothing in manual mode. */
async function snapshot(w: World): Promise<unknown[]> {
  const store = w.sequenceStoreId;
  const refStore = w.referenceStoreId;
  const reads = [
    new ListWorkflowsCommand({}),
    new ListWorkflowVersionsCommand({ workflowId: w.workflowId }),
    new ListRunsCommand({}),
    new ListRunTasksCommand({ id: w.runId }),
    new ListRunGroupsCommand({}),
    new ListRunCachesCommand({}),
    new ListBatchCommand({}),
    new GetBatchCommand({ batchId: w.batchId }),
    new ListConfigurationsCommand({}),
    new ListSharesCommand({ resourceOwner: "SELF" }),
    new GetS3AccessPolicyCommand({ s3AccessPointArn: w.accessPointArn }),
    new ListSequenceStoresCommand({}),
    new ListReadSetsCommand({ sequenceStoreId: store }),
    new GetReadSetMetadataCommand({ sequenceStoreId: store, id: w.readSetId }),
    new ListMultipartReadSetUploadsCommand({ sequenceStoreId: store }),
    new ListReadSetUploadPartsCommand({ sequenceStoreId: store, uploadId: w.uploadId, partSource: "SOURCE1" }),
    new ListReadSetImportJobsCommand({ sequenceStoreId: store }),
    new ListReadSetActivationJobsCommand({ sequenceStoreId: store }),
    new ListReadSetExportJobsCommand({ sequenceStoreId: store }),
    new ListReferenceStoresCommand({}),
    new ListReferencesCommand({ referenceStoreId: refStore }),
    new ListReferenceImportJobsCommand({ referenceStoreId: refStore }),
    new ListAnnotationStoresCommand({}),
    new ListAnnotationStoreVersionsCommand({ name: "notes" }),
    new ListAnnotationImportJobsCommand({}),
    new ListVariantStoresCommand({}),
    new ListVariantImportJobsCommand({}),
    ...[`workflow/${w.workflowId}`, `sequenceStore/${store}`, `sequenceStore/${store}/readSet/${w.readSetId}`, "annotationStore/notes"].map(
      (resource) => new ListTagsForResourceCommand({ resourceArn: arn(resource) }),
    ),
  ];
  const out: unknown[] = [];
  for (const read of reads) {
    const { $metadata: _, ...rest } = (await omics.send(read as never)) as unknown as Record<string, unknown>;
    // As JSON: Dates as text, the SDK's LazyJsonString documents as their text.
    out.push(JSON.parse(JSON.stringify(rest)));
  }
  return out;
}

describe("HealthOmics under malformed input", () => {
  it("answers every malformed value in every member of every operation with a modelled error or a success, and a refusal changes nothing", async () => {
    const w = await world();
    const requests = validRequests(w);
    const operations = sdkOperations(omicsSdk);
    expect(Object.keys(requests).sort()).toEqual(operations.sort());
    expect(operations).toHaveLength(107);

    const modelled = modelledErrors(omicsSdk);
    const problems: string[] = [];
    let attempt = 0;
    const send = async (operation: string, input: Record<string, unknown>): Promise<"ok" | "refused" | "local"> => {
      const Command = commandOf<omicsSdk.GetRunCommand>(omicsSdk, operation);
      const fresh = FRESH[operation];
      if (fresh && input[fresh[0]] === requests[operation]![fresh[0]]) input[fresh[0]] = fresh[1](++attempt);
      try {
        await omics.send(new Command(input));
        return "ok";
      } catch (error) {
        // The SDK's own serializer may refuse a value before it is sent: that is not the fake's answer.
        const { answered, problem } = classifyFailure(error, modelled, operation, input);
        if (problem) problems.push(problem);
        return answered;
      } finally {
        aws.settle();
      }
    };

    for (const operation of operations) {
      const valid = requests[operation]!;
      const inputs = malformedInputs(omicsSdk, operation, valid, BAD);
      const refused: Array<Record<string, unknown>> = [];
      for (const input of inputs) if ((await send(operation, structuredClone(input))) === "refused") refused.push(input);
      // The refused requests of operations that change things, again, between two readings of
      // everything: nothing may change. (Reads move nothing in manual mode.)
      if (refused.length === 0 || /^(Get|List)/.test(operation)) continue;
      const before = await snapshot(w);
      for (const input of refused) await send(operation, structuredClone(input));
      const after = await snapshot(w);
      try {
        expect(after).toEqual(before);
      } catch {
        problems.push(`${operation}: a refused request changed what reads show`);
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);
});
