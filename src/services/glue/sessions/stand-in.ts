import { StandInFamily, type StandIn, type StandInContext } from "../../../engine/stand-ins.js";

/**
 * Statement output: the stand-in for the code an interactive-session statement runs. AWS runs
 * the statement's Python or Scala in the session's Spark driver and reports what it printed,
 * or the exception it raised; the fake cannot run that code, so a test registers what it
 * prints (aws-doubles/glue: registerSessionStatement), by session id ("*" for every session).
 */

/** What the statement's code receives: the statement and its session. */
export interface SessionStatementRequest {
  SessionId: string;
  StatementId: number;
  Code: string;
  /** The session's command (glueetl, gluestreaming…) and arguments, as the code would see them. */
  Command: { Name?: string | undefined; PythonVersion?: string | undefined };
  DefaultArguments: Record<string, string>;
}

/** A Python exception the code raised: the statement ends ERROR with these. */
export interface SessionStatementError {
  ErrorName: string;
  ErrorValue: string;
  Traceback?: string[];
}

/** What a statement printed (its TextPlain output), or the exception it raised. */
export type SessionStatementResult = string | { TextPlain: string } | SessionStatementError;

export interface SessionStatementDetails {
  sessionId: string;
  statementId: number;
}

export type SessionStatementContext = StandInContext & SessionStatementDetails;
export type SessionStatementStandIn = StandIn<SessionStatementRequest, SessionStatementResult, SessionStatementDetails>;

const isTraceback = (value: unknown): boolean => value === undefined || (Array.isArray(value) && value.every((line) => typeof line === "string"));

const isResult = (value: unknown): boolean => {
  if (typeof value === "string") return true;
  if (typeof value !== "object" || value === null) return false;
  if (typeof (value as { TextPlain?: unknown }).TextPlain === "string") return true;
  const error = value as Partial<Record<keyof SessionStatementError, unknown>>;
  // Traceback is a list of lines: a string or number there would be spread, or throw, when the statement ran.
  return typeof error.ErrorName === "string" && typeof error.ErrorValue === "string" && isTraceback(error.Traceback);
};

export const sessionStatements = new StandInFamily<SessionStatementRequest, SessionStatementResult, undefined, SessionStatementDetails>(
  "glue.sessionStatements",
  "Glue session statement stand-in",
  "a string (what the code prints), { TextPlain } or { ErrorName, ErrorValue, Traceback?: string[] }",
  isResult,
);

/** Checks a function's answer the way a registered value is checked. */
export function statementAnswerProblem(answer: unknown): string | undefined {
  return isResult(answer) ? undefined : "must return a string, { TextPlain } or { ErrorName, ErrorValue, Traceback?: string[] }.";
}
