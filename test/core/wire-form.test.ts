import { GetRunCommand, ListRunGroupsCommand, ListRunsCommand, OmicsClient } from "@aws-sdk/client-omics";
import { mockAws, type AwsMock } from "aws-doubles";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rejectionOf } from "../support/errors.js";

/**
 * restJson1 services receive members bound to the URI path, query string and headers as text.
 * The SDK writes `maxResults: "1"` and `maxResults: 1` as the same bytes, and `id: 1234567`
 * like `id: "1234567"`; the fake must validate what the service receives, not the JS type.
 */
let aws: AwsMock;
beforeEach(() => {
  aws = mockAws();
});
afterEach(() => {
  aws.restore();
});

/** The path and query string a client put on the wire for its last request. */
function wireOf<C extends { middlewareStack: { add: (...args: never[]) => void } }>(client: C): () => string {
  let url = "";
  (client.middlewareStack.add as (mw: unknown, options: unknown) => void)(
    (next: (args: unknown) => Promise<unknown>) => async (args: { request: { path: string; query: Record<string, string> } }) => {
      url = `${args.request.path}?${new URLSearchParams(args.request.query).toString()}`;
      return next(args);
    },
    { step: "build", priority: "low", name: "captureUrl" },
  );
  return () => url;
}

describe("members bound to the URI and query are validated as the text the service receives", () => {
  it("accepts a page size given as a numeric string, as HealthOmics does, with the same bytes on the wire", async () => {
    const omics = new OmicsClient({});
    const wire = wireOf(omics);
    await omics.send(new ListRunsCommand({ maxResults: 1 }));
    const typed = wire();
    const asText = await omics.send(new ListRunsCommand({ maxResults: "1" as unknown as number }));
    expect(wire()).toBe(typed);
    expect(asText.items).toEqual([]);
    expect(aws.calls()[1]?.input).toEqual({ maxResults: 1 });
    await omics.send(new ListRunGroupsCommand({ maxResults: "5" as unknown as number }));
  });

  it("accepts a run id given as a number, which the SDK writes as the same path", async () => {
    const omics = new OmicsClient({});
    const wire = wireOf(omics);
    const byNumber = await rejectionOf(omics.send(new GetRunCommand({ id: 1234567 as unknown as string })));
    const path = wire();
    const byText = await rejectionOf(omics.send(new GetRunCommand({ id: "1234567" })));
    expect(wire()).toBe(path);
    expect(byNumber.name).toBe("ResourceNotFoundException");
    expect(byText.name).toBe(byNumber.name);
  });

  it("still refuses text the service cannot read as a number, and range limits still apply", async () => {
    const omics = new OmicsClient({});
    expect((await rejectionOf(omics.send(new ListRunsCommand({ maxResults: "many" as unknown as number })))).name).toBe("ValidationException");
    expect((await rejectionOf(omics.send(new ListRunsCommand({ maxResults: "0" as unknown as number })))).message).toMatch(/greater than or equal to 1/);
  });
});
