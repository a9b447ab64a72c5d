// GetMLTransform stands for a Glue command aws-doubles has not learnt yet (withoutOperation takes it out).
import { GetMLTransformCommand, GlueClient, GlueServiceException } from "@aws-sdk/client-glue";
import { mockAws } from "aws-doubles";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rejectionOf } from "../support/errors.js";
import { guardNetwork } from "../support/network-guard.js";
import { withoutOperation } from "../support/unmodelled.js";

let guard: ReturnType<typeof guardNetwork>;
beforeEach(() => {
  guard = guardNetwork();
});
afterEach(() => guard.release());

describe("unmodelled services and operations", () => {
  it("onUnhandled 'error' (default): NotImplemented, HTTP 501, naming the operation, and no network connection", async () => {
    const aws = mockAws();
    try {
      const glue = new GlueClient({});
      const error = await withoutOperation("Glue", "GetMLTransform", () => rejectionOf(glue.send(new GetMLTransformCommand({ TransformId: "x" }))));
      expect(error.name).toBe("NotImplemented");
      expect(error).toBeInstanceOf(GlueServiceException);
      expect(error.$metadata.httpStatusCode).toBe(501);
      expect(error.$metadata.attempts).toBe(1);
      expect(error.message).toContain("Glue.GetMLTransform");
      expect(guard.attempts).toEqual([]);
      expect(aws.calls()).toEqual([expect.objectContaining({ service: "Glue", operation: "GetMLTransform", error: expect.objectContaining({ name: "NotImplemented", statusCode: 501 }) })]);
    } finally {
      aws.restore();
    }
  });

  it("an unmodelled service (any SDK client) fails with NotImplemented and no network connection", async () => {
    const aws = mockAws();
    try {
      // A client whose service aws-doubles does not know, built on the same SDK base class.
      const { Client } = await import("@smithy/core/client");
      const { Command } = await import("@smithy/core/client");
      class WidgetClient extends Client<any, any, any, any> {
        constructor() {
          super({ serviceId: "Widgets", region: async () => "us-east-1", requestHandler: { handle: async () => { throw new Error("reached the handler"); } } } as never);
        }
      }
      class PingCommand extends Command.classBuilder<any, any, any, any, any>()
        .m(() => [])
        .s("Widgets", "Ping", {})
        .n("WidgetClient", "PingCommand")
        .build() {}
      const error = await rejectionOf(new WidgetClient().send(new PingCommand({}) as never));
      expect(error.name).toBe("NotImplemented");
      expect(error.$metadata.httpStatusCode).toBe(501);
      expect(error.message).toContain("Widgets");
      expect(guard.attempts).toEqual([]);
    } finally {
      aws.restore();
    }
  });

  it("a callback is told the service and operation, then the call still fails unless the callback throws", async () => {
    const seen: string[] = [];
    const aws = mockAws({ onUnhandled: (service, operation) => void seen.push(`${service}.${operation}`) });
    try {
      const glue = new GlueClient({});
      expect((await withoutOperation("Glue", "GetMLTransform", () => rejectionOf(glue.send(new GetMLTransformCommand({ TransformId: "x" }))))).name).toBe("NotImplemented");
      expect(seen).toEqual(["Glue.GetMLTransform"]);
      aws.configure({ onUnhandled: () => { throw new Error("unexpected AWS call in this test"); } });
      expect((await withoutOperation("Glue", "GetMLTransform", () => rejectionOf(glue.send(new GetMLTransformCommand({ TransformId: "x" }))))).message).toBe("unexpected AWS call in this test");
      expect(guard.attempts).toEqual([]);
    } finally {
      aws.restore();
    }
  });

  it("onUnhandled 'bypass' lets the call go to the network (which the guard then sees)", async () => {
    const aws = mockAws({ onUnhandled: "bypass" });
    try {
      const glue = new GlueClient({ maxAttempts: 1 });
      await withoutOperation("Glue", "GetMLTransform", () => rejectionOf(glue.send(new GetMLTransformCommand({ TransformId: "x" }))));
      expect(guard.attempts.length).toBeGreaterThan(0);
    } finally {
      aws.restore();
    }
  });
});
