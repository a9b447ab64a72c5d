import {
  AlreadyExistsException,
  CreateWorkflowCommand,
  GetWorkflowCommand,
  GlueClient,
  GlueServiceException,
  InternalServiceException,
  ThrottlingException,
} from "@aws-sdk/client-glue";
import { AwsDoublesUsageError, instantRetries, mockAws, type AwsMock } from "aws-doubles";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rejectionOf } from "../support/errors.js";

let aws: AwsMock;
beforeEach(() => {
  aws = mockAws();
});
afterEach(() => aws.restore());

describe("errors", () => {
  it("are the client's own exception classes with the modelled status, fault and message", async () => {
    const glue = new GlueClient({});
    await glue.send(new CreateWorkflowCommand({ Name: "x" }));
    const error = await rejectionOf(glue.send(new CreateWorkflowCommand({ Name: "x" })));
    expect(error).toBeInstanceOf(AlreadyExistsException);
    expect(error).toBeInstanceOf(GlueServiceException);
    expect(error.name).toBe("AlreadyExistsException");
    expect(error.$fault).toBe("client");
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.message).toBe("Workflow x already exists.");
  });
});

describe("fault injection and retries", () => {
  it("throttling injected twice then success: the SDK retries and $metadata.attempts is 3", async () => {
    const glue = instantRetries(new GlueClient({}));
    await glue.send(new CreateWorkflowCommand({ Name: "w" }));
    const fault = aws.failNext("Glue", "GetWorkflow", { times: 2 });
    const result = await glue.send(new GetWorkflowCommand({ Name: "w" }));
    expect(result.$metadata.attempts).toBe(3);
    expect(result.$metadata.totalRetryDelay).toBe(0);
    expect(fault.remaining).toBe(0);
    const attempts = aws.calls().filter((c) => c.operation === "GetWorkflow");
    expect(attempts.map((c) => c.error?.name ?? "ok")).toEqual(["ThrottlingException", "ThrottlingException", "ok"]);
  });

  it("throttling on every attempt surfaces the service's ThrottlingException after the SDK's 3 attempts", async () => {
    const glue = instantRetries(new GlueClient({}));
    aws.failNext("Glue", "GetWorkflow", { times: 5, message: "Rate exceeded for GetWorkflow" });
    const error = await rejectionOf(glue.send(new GetWorkflowCommand({ Name: "w" })));
    expect(error).toBeInstanceOf(ThrottlingException);
    expect(error.message).toBe("Rate exceeded for GetWorkflow");
    expect(error.$metadata.attempts).toBe(3);
  });

  it("mockAws({ instantRetries: true }) makes every client's retries instant", async () => {
    aws.restore();
    aws = mockAws({ instantRetries: true });
    const glue = new GlueClient({});
    await glue.send(new CreateWorkflowCommand({ Name: "w" }));
    aws.failNext("Glue", "*", { times: 2 });
    const result = await glue.send(new GetWorkflowCommand({ Name: "w" }));
    expect(result.$metadata).toMatchObject({ attempts: 3, totalRetryDelay: 0 });
  });

  it("injects any modelled error; a server error carries $fault 'server' and its status", async () => {
    const glue = new GlueClient({ maxAttempts: 1 });
    aws.failNext("Glue", "CreateWorkflow", { error: "InternalServiceException", message: "boom" });
    const error = await rejectionOf(glue.send(new CreateWorkflowCommand({ Name: "w" })));
    expect(error).toBeInstanceOf(InternalServiceException);
    expect(error.$fault).toBe("server");
    expect(error.$metadata.httpStatusCode).toBe(500);
    // The failed call stored nothing.
    expect((await rejectionOf(glue.send(new GetWorkflowCommand({ Name: "w" })))).name).toBe("EntityNotFoundException");
  });

  it("refuses to plan faults for unknown services or operations", () => {
    expect(() => aws.failNext("Glu" as never, "GetWorkflow")).toThrow(/Unknown service "Glu"/);
    expect(() => aws.failNext("Glue", "GetWorkflo")).toThrow(/no modelled operation "GetWorkflo"/);
    expect(() => aws.failNext("Glue", "GetWorkflow", { times: 0 })).toThrow(/whole number/);
  });

  it("refuses an empty message or error rather than answering with the default, and plans nothing", async () => {
    expect(() => aws.failNext("Glue", "CreateWorkflow", { message: "" })).toThrow(AwsDoublesUsageError);
    expect(() => aws.failNext("Glue", "CreateWorkflow", { message: "" })).toThrow("failNext: message must be a non-empty string");
    expect(() => aws.failNext("Glue", "CreateWorkflow", { error: "" })).toThrow(/failNext error must be an error Glue models; got ""/);
    const glue = new GlueClient({ maxAttempts: 1 });
    expect((await glue.send(new CreateWorkflowCommand({ Name: "w" }))).Name).toBe("w");
  });

  it("a planned fault can be cleared before it fires", async () => {
    const glue = new GlueClient({ maxAttempts: 1 });
    const fault = aws.failNext("Glue", "CreateWorkflow");
    fault.clear();
    expect((await glue.send(new CreateWorkflowCommand({ Name: "w" }))).Name).toBe("w");
  });
});
