import type { ConnectionsList, Session, SessionCommand, Statement } from "@aws-sdk/client-glue";
import { LinearProcess, type LinearHooks, type LinearSpec } from "../../../engine/lifecycle/process.js";
import { OrderedTable } from "../../../engine/ordered-table.js";
import type { GlueRuntime } from "../backend.js";
import { SESSION, STATEMENT } from "./lifecycles.js";
import { sessionStatements, statementAnswerProblem, type SessionStatementError, type SessionStatementResult } from "./stand-in.js";

/** "Default for Spark ETL jobs is 48 hours (2880 minutes), the maximum session lifetime for this job type." */
export const DEFAULT_TIMEOUT_MINUTES = 2880;

export interface SessionDefinition {
  Id: string;
  Description?: string | undefined;
  Role: string;
  Command: SessionCommand;
  DefaultArguments?: Record<string, string> | undefined;
  Connections?: ConnectionsList | undefined;
  MaxCapacity?: number | undefined;
  NumberOfWorkers?: number | undefined;
  WorkerType?: Session["WorkerType"] | undefined;
  SecurityConfiguration?: string | undefined;
  GlueVersion?: string | undefined;
  Timeout?: number | undefined;
  IdleTimeout?: number | undefined;
  SessionType?: Session["SessionType"] | undefined;
  /** The usage profile the session was created within (the caller's), if any. */
  ProfileName?: string | undefined;
}

type SessionStatus = NonNullable<Session["Status"]>;
const ENDED = new Set<SessionStatus>(["FAILED", "TIMEOUT", "STOPPED"]);
const STATEMENT_ENDED = new Set(["AVAILABLE", "CANCELLED", "ERROR"]);

/** An interactive session: its definition, its status (provisioning, stop, timeouts) and its statements. */
export class SessionRecord {
  status: SessionStatus = "PROVISIONING";
  readonly createdOn: Date;
  completedOn: Date | undefined;
  errorMessage: string | undefined;
  /** When it was last busy (became READY, ran or finished a statement): the idle timeout counts from here. */
  lastActivityMs: number;
  process: LinearProcess;
  readonly statements = new OrderedTable<StatementRecord>((statement) => statement.id);
  private nextStatement = 0;

  constructor(
    readonly runtime: GlueRuntime,
    readonly definition: SessionDefinition,
    readonly arn: string,
  ) {
    this.createdOn = runtime.now();
    this.lastActivityMs = this.createdOn.getTime();
    this.process = runtime.engine.lifecycles.register(
      new LinearProcess({ kind: SESSION, path: ["PROVISIONING", "READY"] }, { SessionId: definition.Id }, { onEnter: (state, process) => this.entered(state, process) }),
    );
  }

  get ended(): boolean {
    return ENDED.has(this.status);
  }

  get timeoutMinutes(): number {
    return this.definition.Timeout ?? DEFAULT_TIMEOUT_MINUTES;
  }

  /** "Default for Spark ETL jobs is value of Timeout." */
  get idleTimeoutMinutes(): number {
    return this.definition.IdleTimeout ?? this.timeoutMinutes;
  }

  private entered(state: string, process: LinearProcess): void {
    const now = this.runtime.now();
    this.status = state as SessionStatus;
    if (state === "READY") this.lastActivityMs = now.getTime();
    if (ENDED.has(this.status)) {
      this.completedOn = now;
      if (state === "FAILED") this.errorMessage = process.failureMessage ?? "Session failed to provision.";
      for (const statement of this.statements.values()) statement.cancelAtEnd();
    }
  }

  /**
   * Applies the virtual clock: a READY session with nothing running for IdleTimeout minutes,
   * or alive for Timeout minutes, is TIMEOUT. Called by every request that touches the session.
   */
  refresh(): void {
    if (this.status !== "READY") return;
    const now = this.runtime.now().getTime();
    const busy = this.statements.values().some((s) => !STATEMENT_ENDED.has(s.state));
    const idleEnd = this.lastActivityMs + this.idleTimeoutMinutes * 60_000;
    const lifeEnd = this.createdOn.getTime() + this.timeoutMinutes * 60_000;
    if (now >= lifeEnd) this.timeOut(lifeEnd, `Session timed out: it reached its Timeout of ${this.timeoutMinutes} minutes.`);
    else if (!busy && now >= idleEnd) this.timeOut(idleEnd, `Session timed out after being idle for ${this.idleTimeoutMinutes} minutes (IdleTimeout).`);
  }

  private timeOut(atMs: number, message: string): void {
    this.status = "TIMEOUT";
    this.completedOn = new Date(atMs);
    this.errorMessage = message;
    for (const statement of this.statements.values()) statement.cancelAtEnd();
  }

  stop(): void {
    this.process = this.runtime.engine.lifecycles.register(
      new LinearProcess({ kind: SESSION, path: ["STOPPING", "STOPPED"] }, { SessionId: this.definition.Id }, { onEnter: (state, process) => this.entered(state, process) }),
    );
    this.status = "STOPPING";
  }

  addStatement(code: string): StatementRecord {
    const statement = new StatementRecord(this, this.nextStatement++, code);
    this.statements.set(String(statement.id), statement);
    this.lastActivityMs = this.runtime.now().getTime();
    return statement;
  }

  /** Whether no earlier statement is still waiting or running (a session runs one at a time). */
  isFirstInLine(statement: StatementRecord): boolean {
    return this.statements.values().every((s) => s.id >= statement.id || STATEMENT_ENDED.has(s.state));
  }

  render(): Session {
    const d = this.definition;
    const end = this.completedOn ?? this.runtime.now();
    const seconds = (end.getTime() - this.createdOn.getTime()) / 1000;
    return {
      Id: d.Id,
      CreatedOn: this.createdOn,
      Status: this.status,
      ErrorMessage: this.errorMessage,
      Description: d.Description,
      Role: d.Role,
      Command: { ...d.Command },
      DefaultArguments: d.DefaultArguments ? { ...d.DefaultArguments } : undefined,
      Connections: d.Connections ? { Connections: [...(d.Connections.Connections ?? [])] } : undefined,
      Progress: this.status === "PROVISIONING" ? 0 : 1,
      MaxCapacity: d.MaxCapacity,
      SecurityConfiguration: d.SecurityConfiguration,
      GlueVersion: d.GlueVersion,
      NumberOfWorkers: d.NumberOfWorkers,
      WorkerType: d.WorkerType,
      CompletedOn: this.completedOn,
      ExecutionTime: this.status === "PROVISIONING" ? 0 : seconds,
      DPUSeconds: this.status === "PROVISIONING" ? 0 : seconds * (d.MaxCapacity ?? d.NumberOfWorkers ?? 1),
      IdleTimeout: this.idleTimeoutMinutes,
      ProfileName: d.ProfileName,
      SessionType: d.SessionType,
    };
  }
}

/** A statement's process: it leaves WAITING only when it is first in its session's line. */
class StatementProcess extends LinearProcess {
  constructor(spec: LinearSpec, attributes: Record<string, unknown>, hooks: LinearHooks, private readonly mayStart: () => boolean) {
    super(spec, attributes, hooks);
  }

  protected override step(): boolean {
    if (this.state === "WAITING" && !this.mayStart()) return false;
    return super.step();
  }
}

/** One statement: its code, its process and, once run, its output. */
export class StatementRecord {
  readonly process: LinearProcess;
  startedOn: number | undefined;
  completedOn: number | undefined;
  private output: { text?: string; error?: SessionStatementError } = {};

  constructor(
    readonly session: SessionRecord,
    readonly id: number,
    readonly code: string,
  ) {
    const attributes = { SessionId: session.definition.Id, StatementId: id };
    this.process = session.runtime.engine.lifecycles.register(
      new StatementProcess({ kind: STATEMENT, path: ["WAITING", "RUNNING", "AVAILABLE"] }, attributes, { onEnter: (state) => this.entered(state) }, () => session.isFirstInLine(this)),
    );
  }

  get state(): string {
    return this.process.state;
  }

  private entered(state: string): void {
    const runtime = this.session.runtime;
    const now = runtime.now().getTime();
    if (state === "RUNNING") {
      this.startedOn = now;
      this.run();
      return;
    }
    if (state === "ERROR" && !this.output.error) {
      // A test rule made it fail: report it as the exception the rule described.
      this.output = { error: { ErrorName: "Error", ErrorValue: this.process.failureMessage ?? "The statement failed." } };
    }
    if (STATEMENT_ENDED.has(state)) {
      this.completedOn = now;
      this.session.lastActivityMs = now;
    }
  }

  /** Runs the statement's stand-in: its answer is the output; an exception makes the statement ERROR. */
  private run(): void {
    const session = this.session;
    const runtime = session.runtime;
    const request = {
      SessionId: session.definition.Id,
      StatementId: this.id,
      Code: this.code,
      Command: { ...session.definition.Command },
      DefaultArguments: { ...(session.definition.DefaultArguments ?? {}) },
    };
    const outcome = sessionStatements.resolve(runtime.engine, [session.definition.Id], request, { accountId: runtime.accountId, region: runtime.region, sessionId: session.definition.Id, statementId: this.id }, statementAnswerProblem);
    if (outcome.kind === "none") {
      this.output = { text: "" };
      return;
    }
    if (outcome.kind === "failed") {
      this.output = { error: { ErrorName: "Error", ErrorValue: outcome.message } };
      this.process.divert(["ERROR"]);
      return;
    }
    const answer: SessionStatementResult = outcome.answer;
    if (typeof answer === "string") this.output = { text: answer };
    else if ("TextPlain" in answer) this.output = { text: answer.TextPlain };
    else {
      this.output = { error: { ErrorName: answer.ErrorName, ErrorValue: answer.ErrorValue, Traceback: answer.Traceback ? [...answer.Traceback] : [] } };
      this.process.divert(["ERROR"]);
    }
  }

  cancel(): void {
    if (STATEMENT_ENDED.has(this.state) || this.state === "CANCELLING") return;
    if (this.state === "WAITING") this.process.jump("CANCELLED");
    else this.process.jump("CANCELLING", ["CANCELLED"]);
  }

  /** The session ended (stopped, timed out): what has not finished is cancelled. */
  cancelAtEnd(): void {
    if (STATEMENT_ENDED.has(this.state)) return;
    this.process.jump("CANCELLED");
  }

  render(): Statement {
    const state = this.state as Statement["State"];
    const done = STATEMENT_ENDED.has(this.state);
    const error = this.output.error;
    return {
      Id: this.id,
      Code: this.code,
      State: state,
      Output: done
        ? {
            Data: error ? undefined : { TextPlain: this.output.text ?? "" },
            ExecutionCount: this.id,
            Status: state,
            ErrorName: error?.ErrorName,
            ErrorValue: error?.ErrorValue,
            Traceback: error ? [...(error.Traceback ?? [])] : undefined,
          }
        : undefined,
      Progress: done ? 1 : 0,
      StartedOn: this.startedOn,
      CompletedOn: this.completedOn,
    };
  }
}
