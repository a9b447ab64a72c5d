import type {
  CancelStatementRequest,
  CancelStatementResponse,
  GetStatementRequest,
  GetStatementResponse,
  ListStatementsRequest,
  ListStatementsResponse,
  RunStatementRequest,
  RunStatementResponse,
} from "@aws-sdk/client-glue";
import type { RequestContext } from "../../../engine/context.js";
import { int, str } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { NAME } from "../shapes.js";
import type { StatementRecord } from "./model.js";
import { findSession, ORCHESTRATION_NAME, readySession } from "./sessions.js";

function findStatement(ctx: RequestContext<GlueBackend>, sessionId: string, id: number): StatementRecord {
  const statement = findSession(ctx, sessionId).statements.get(String(id));
  if (!statement) throw ctx.error("EntityNotFoundException", `Statement ${id} of session ${sessionId} not found.`);
  return statement;
}

export const runStatement = op<RunStatementRequest, RunStatementResponse>({
  input: { SessionId: NAME, Code: str({ max: 68000 }), RequestOrigin: ORCHESTRATION_NAME },
  errors: ["EntityNotFoundException", "IllegalSessionStateException"],
  run(ctx, input) {
    const session = readySession(ctx, input.SessionId!);
    return { Id: session.addStatement(input.Code!).id };
  },
});

export const getStatement = op<GetStatementRequest, GetStatementResponse>({
  input: { SessionId: NAME, Id: int({ min: 0 }), RequestOrigin: ORCHESTRATION_NAME },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const statement = findStatement(ctx, input.SessionId!, input.Id!);
    ctx.observe(statement.process);
    return { Statement: statement.render() };
  },
});

export const listStatements = op<ListStatementsRequest, ListStatementsResponse>({
  input: { SessionId: NAME, RequestOrigin: ORCHESTRATION_NAME, NextToken: str({ max: 400000 }) },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const session = findSession(ctx, input.SessionId!);
    const page = ctx.paginate(session.statements, { token: input.NextToken, defaultSize: 100, query: input.SessionId });
    for (const statement of page.items) ctx.observe(statement.process);
    return { Statements: page.items.map((s) => s.render()), NextToken: page.nextToken };
  },
});

export const cancelStatement = op<CancelStatementRequest, CancelStatementResponse>({
  input: { SessionId: NAME, Id: int({ min: 0 }), RequestOrigin: ORCHESTRATION_NAME },
  errors: ["EntityNotFoundException", "IllegalSessionStateException"],
  run(ctx, input) {
    readySession(ctx, input.SessionId!);
    // Cancelling a statement that has ended changes nothing, as in Livy.
    findStatement(ctx, input.SessionId!, input.Id!).cancel();
    return {};
  },
});
