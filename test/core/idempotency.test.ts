import { ConflictException, CreateRunGroupCommand, ListRunGroupsCommand, OmicsClient } from "@aws-sdk/client-omics";
import { instantRetries, mockAws, type AwsMock } from "aws-doubles";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rejectionOf } from "../support/errors.js";

/**
 * The engine's idempotency ledger, seen through a real client: HealthOmics' CreateRunGroup
 * carries `requestId`, an @idempotencyToken member the SDK fills in when the caller leaves it out.
 */
let aws: AwsMock;
let omics: OmicsClient;
beforeEach(() => {
  aws = mockAws();
  omics = new OmicsClient({});
});
afterEach(() => aws.restore());

const groupCount = async () => (await omics.send(new ListRunGroupsCommand({}))).items?.length ?? 0;

describe("idempotency tokens", () => {
  it("reads the token the SDK filled in from the serialized request: two calls without one are two resources", async () => {
    const first = await omics.send(new CreateRunGroupCommand({ name: "g", maxCpus: 10 }));
    const second = await omics.send(new CreateRunGroupCommand({ name: "g", maxCpus: 10 }));
    expect(first.id).not.toBe(second.id);
    const tokens = aws.calls().map((c) => c.idempotencyToken);
    expect(tokens[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(tokens[1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(tokens[0]).not.toBe(tokens[1]);
    expect(await groupCount()).toBe(2);
  });

  it("replays the first answer for the same token and input; the same token with other input is the service's mismatch error", async () => {
    const first = await omics.send(new CreateRunGroupCommand({ name: "g", maxCpus: 10, requestId: "tok-1" }));
    const replay = await omics.send(new CreateRunGroupCommand({ name: "g", maxCpus: 10, requestId: "tok-1" }));
    expect(replay).toMatchObject({ id: first.id, arn: first.arn });
    const mismatch = await rejectionOf(omics.send(new CreateRunGroupCommand({ name: "g", maxCpus: 20, requestId: "tok-1" })));
    expect(mismatch).toBeInstanceOf(ConflictException);
    expect(mismatch.message).toContain("tok-1");
    expect(await groupCount()).toBe(1);
  });

  it("forgets a token after its time to live on the virtual clock", async () => {
    const first = await omics.send(new CreateRunGroupCommand({ name: "g", requestId: "tok-ttl" }));
    // The virtual clock also follows real time, so stop a minute short of eight hours.
    aws.clock.advance(8 * 60 * 60 * 1000 - 60_000);
    expect((await omics.send(new CreateRunGroupCommand({ name: "g", requestId: "tok-ttl" }))).id).toBe(first.id);
    aws.clock.advance(60_000);
    expect((await omics.send(new CreateRunGroupCommand({ name: "g", requestId: "tok-ttl" }))).id).not.toBe(first.id);
  });

  it("takes its time to live from mockAws({ idempotencyTtlMs })", async () => {
    aws.restore();
    aws = mockAws({ idempotencyTtlMs: 1_000 });
    const first = await omics.send(new CreateRunGroupCommand({ name: "g", requestId: "tok-short" }));
    aws.clock.advance(1_000);
    expect((await omics.send(new CreateRunGroupCommand({ name: "g", requestId: "tok-short" }))).id).not.toBe(first.id);
  });

  it("concurrent identical calls with one token create one resource", async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => omics.send(new CreateRunGroupCommand({ name: "g", maxRuns: 3, requestId: "tok-race" }))),
    );
    expect(new Set(answers.map((a) => a.id)).size).toBe(1);
    expect(await groupCount()).toBe(1);
  });

  it("SDK retries of a throttled create reuse the token it filled in, and create one resource", async () => {
    const client = instantRetries(new OmicsClient({}));
    aws.failNext("Omics", "CreateRunGroup", { times: 2 });
    const created = await client.send(new CreateRunGroupCommand({ name: "g" }));
    expect(created.$metadata.attempts).toBe(3);
    const attempts = aws.calls().filter((c) => c.operation === "CreateRunGroup");
    expect(attempts.map((c) => c.error?.name ?? "ok")).toEqual(["ThrottlingException", "ThrottlingException", "ok"]);
    expect(new Set(attempts.map((c) => c.idempotencyToken)).size).toBe(1);
    expect(attempts[0]!.idempotencyToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(await groupCount()).toBe(1);
  });

  it("reset() forgets tokens", async () => {
    const first = await omics.send(new CreateRunGroupCommand({ name: "g", requestId: "tok-reset" }));
    aws.reset();
    expect((await omics.send(new CreateRunGroupCommand({ name: "g", requestId: "tok-reset" }))).id).not.toBe(first.id);
  });
});
