import {
  ConflictException,
  CreateRunCacheCommand,
  DeleteRunCacheCommand,
  GetRunCacheCommand,
  GetRunCommand,
  GetRunTaskCommand,
  ListRunCachesCommand,
  ListRunTasksCommand,
  OmicsClient,
  paginateListRunCaches,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  UpdateRunCacheCommand,
  ValidationException,
  waitUntilRunCompleted,
} from "@aws-sdk/client-omics";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { setServiceQuota } from "aws-doubles/omics";
import { rejectionOf } from "../../support/errors.js";
import { activeWorkflow, arn, fast, HELLO_PARAMS, omics, runCache, startRun } from "./helpers.js";

async function cacheHits(runId: string): Promise<Record<string, boolean>> {
  const { items } = await omics.send(new ListRunTasksCommand({ id: runId }));
  return Object.fromEntries(items!.map((t) => [t.name!, t.cacheHit!]));
}

describe("HealthOmics run caches", () => {
  it("takes the caller's account as the cache bucket's owner when cacheBucketOwnerId is left out", async () => {
    // "If not provided, your account ID is set as the owner of the bucket."
    const id = await runCache();
    expect((await omics.send(new GetRunCacheCommand({ id }))).cacheBucketOwnerId).toBe("123456789012");
    const elsewhere = new OmicsClient({ credentials: aws.credentialsFor("210987654321") });
    const theirs = await elsewhere.send(new CreateRunCacheCommand({ cacheS3Location: "s3://their-cache/runs/" }));
    expect((await elsewhere.send(new GetRunCacheCommand({ id: theirs.id }))).cacheBucketOwnerId).toBe("210987654321");
  });

  it("creates, reads, updates and lists run caches", async () => {
    const created = await omics.send(
      new CreateRunCacheCommand({ cacheS3Location: "s3://example-bucket/cache", name: "dev", description: "dev cache", cacheBucketOwnerId: "123456789012", tags: { env: "dev" }, requestId: "cache-1" }),
    );
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created).toMatchObject({ arn: arn(`runCache/${created.id}`), status: "ACTIVE", tags: { env: "dev" } });

    const cache = await omics.send(new GetRunCacheCommand({ id: created.id }));
    expect(cache).toMatchObject({ id: created.id, name: "dev", description: "dev cache", status: "ACTIVE", cacheBehavior: "CACHE_ON_FAILURE", cacheBucketOwnerId: "123456789012", tags: { env: "dev" } });
    // HealthOmics keeps the cache's entries in a folder of its own under the given location.
    expect(cache.cacheS3Uri).toMatch(/^s3:\/\/example-bucket\/cache\/[0-9a-f-]{36}\/$/);

    const updated = await omics.send(new UpdateRunCacheCommand({ id: created.id, cacheBehavior: "CACHE_ALWAYS", name: "renamed" }));
    expect(updated.$metadata.httpStatusCode).toBe(202);
    expect(await omics.send(new GetRunCacheCommand({ id: created.id }))).toMatchObject({ cacheBehavior: "CACHE_ALWAYS", name: "renamed", description: "dev cache" });

    await runCache();
    await runCache();
    const pages: number[] = [];
    for await (const page of paginateListRunCaches({ client: omics, pageSize: 2 }, {})) pages.push(page.items!.length);
    expect(pages).toEqual([2, 1]);
    expect((await omics.send(new ListRunCachesCommand({}))).items![0]).toMatchObject({ id: created.id, status: "ACTIVE", cacheBehavior: "CACHE_ALWAYS" });
  });

  it("validates the cache location and behavior", async () => {
    const location = await rejectionOf(omics.send(new CreateRunCacheCommand({ cacheS3Location: "bucket/cache" })));
    expect(location).toBeInstanceOf(ValidationException);
    expect(location.message).toContain("at 'cacheS3Location' failed to satisfy constraint");
    const behavior = await rejectionOf(omics.send(new CreateRunCacheCommand({ cacheS3Location: "s3://bucket/c", cacheBehavior: "SOMETIMES" as never })));
    expect(behavior.message).toContain("Member must satisfy enum value set: [CACHE_ALWAYS, CACHE_ON_FAILURE]");
    const noLocation = await rejectionOf(omics.send(new CreateRunCacheCommand({} as never)));
    expect(noLocation.message).toContain("Value null at 'cacheS3Location'");
    expect(await rejectionOf(omics.send(new GetRunCacheCommand({ id: "1234567" })))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(omics.send(new UpdateRunCacheCommand({ id: "1234567", name: "x" })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("with CACHE_ALWAYS, a later run with the same inputs hits the cache for every task", async () => {
    const workflowId = await activeWorkflow();
    const cacheId = await runCache("CACHE_ALWAYS");
    const first = await startRun({ workflowId, cacheId });
    await waitUntilRunCompleted(fast(), { id: first });
    expect(await cacheHits(first)).toEqual({ align: false, summary: false });
    expect((await omics.send(new GetRunCommand({ id: first }))).cacheBehavior).toBe("CACHE_ALWAYS");

    const second = await startRun({ workflowId, cacheId });
    await waitUntilRunCompleted(fast(), { id: second });
    expect(await cacheHits(second)).toEqual({ align: true, summary: true });
    const { items } = await omics.send(new ListRunTasksCommand({ id: second }));
    const task = await omics.send(new GetRunTaskCommand({ id: second, taskId: items![0]!.taskId }));
    const cache = await omics.send(new GetRunCacheCommand({ id: cacheId }));
    expect(task.cacheS3Uri!.startsWith(cache.cacheS3Uri!)).toBe(true);

    // Other inputs are other cache entries.
    const other = await startRun({ workflowId, cacheId, parameters: { ...HELLO_PARAMS, sample_name: "NA24385" } });
    await waitUntilRunCompleted(fast(), { id: other });
    expect(await cacheHits(other)).toEqual({ align: false, summary: false });
  });

  it("with CACHE_ON_FAILURE, only the completed tasks of a failed run are cached", async () => {
    const workflowId = await activeWorkflow();
    const cacheId = await runCache("CACHE_ON_FAILURE");
    const ok = await startRun({ workflowId, cacheId });
    await waitUntilRunCompleted(fast(), { id: ok });
    const afterSuccess = await startRun({ workflowId, cacheId });
    await waitUntilRunCompleted(fast(), { id: afterSuccess });
    expect(await cacheHits(afterSuccess)).toEqual({ align: false, summary: false });

    const rule = aws.lifecycle("Omics.Task", { name: "summary" }).endsIn("FAILED", { times: 1 });
    const failed = await startRun({ workflowId, cacheId });
    await rejectionOf(waitUntilRunCompleted(fast(), { id: failed }));
    expect(rule.applied).toBe(1);
    const resumed = await startRun({ workflowId, cacheId });
    await waitUntilRunCompleted(fast(), { id: resumed });
    expect(await cacheHits(resumed)).toEqual({ align: true, summary: false });
  });

  it("deletes a cache once no run in progress uses it", async () => {
    const workflowId = await activeWorkflow();
    const cacheId = await runCache();
    const id = await startRun({ workflowId, cacheId });
    const busy = await rejectionOf(omics.send(new DeleteRunCacheCommand({ id: cacheId })));
    expect(busy).toBeInstanceOf(ConflictException);
    expect(busy.message).toContain(`used by 1 run(s) in progress (${id})`);
    aws.settle();
    expect((await omics.send(new DeleteRunCacheCommand({ id: cacheId }))).$metadata.httpStatusCode).toBe(202);
    expect(await rejectionOf(omics.send(new GetRunCacheCommand({ id: cacheId })))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(omics.send(new DeleteRunCacheCommand({ id: cacheId })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("enforces the run caches quota", async () => {
    setServiceQuota("runCaches", 1);
    await runCache();
    expect(await rejectionOf(omics.send(new CreateRunCacheCommand({ cacheS3Location: "s3://omics-cache/other/" })))).toBeInstanceOf(ServiceQuotaExceededException);
  });
});
