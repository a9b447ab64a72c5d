import type {
  CreateSessionRequest,
  CreateSessionResponse,
  DeleteSessionRequest,
  DeleteSessionResponse,
  GetSessionEndpointRequest,
  GetSessionEndpointResponse,
  GetSessionRequest,
  GetSessionResponse,
  GetSystemLogsForSessionRequest,
  GetSystemLogsForSessionResponse,
  ListSessionsRequest,
  ListSessionsResponse,
  StopSessionRequest,
  StopSessionResponse,
} from "@aws-sdk/client-glue";
import type { RequestContext } from "../../../engine/context.js";
import { randomHex } from "../../../engine/ids.js";
import { int, list, map, num, oneOf, str, struct } from "../../../engine/validation/rules.js";
import { callerUsageProfile, usageProfileDefaults, usageProfileProblem, type ProfiledValues } from "../admin/usage-profiles.js";
import { op, type GlueBackend } from "../backend.js";
import { capacityProblem } from "../jobs.js";
import { securityConfigurationProblem } from "../security/security-configurations.js";
import { DESCRIPTION, MULTI_LINE, NAME, pageSize, TAGS, WORKER_TYPE } from "../shapes.js";
import { SessionRecord } from "./model.js";

type Ctx = RequestContext<GlueBackend>;

/** OrchestrationNameString: RequestOrigin, argument names. */
export const ORCHESTRATION_NAME = str({ min: 1, max: 128, pattern: "^[\\.\\-_A-Za-z0-9]+$" });
const ROLE = str({ min: 20, max: 2048, pattern: "^arn:aws[^:]*:iam::[0-9]*:role/.+$" });

export const sessionArn = (ctx: Ctx, id: string): string => ctx.arn(`session/${id}`);

/** A session, its clock-driven state brought up to date. */
export function findSession(ctx: Ctx, id: string, notFound: "EntityNotFoundException" | "InvalidInputException" = "EntityNotFoundException"): SessionRecord {
  const session = ctx.backend.sessions.get(id);
  // StopSession and DeleteSession model no EntityNotFoundException: they answer a missing session as invalid input.
  if (!session) throw notFound === "EntityNotFoundException" ? ctx.error(notFound, `Session ${id} not found.`) : ctx.invalid(`Session ${id} not found.`);
  session.refresh();
  return session;
}

/** A session that can run statements: READY. */
export function readySession(ctx: Ctx, id: string): SessionRecord {
  const session = findSession(ctx, id);
  if (session.status !== "READY") throw ctx.error("IllegalSessionStateException", `Session ${id} is ${session.status}: it must be READY.`);
  return session;
}

type SessionInput = Omit<CreateSessionRequest, "Tags" | "RequestOrigin">;

/**
 * The session as the caller's usage profile makes it (its SessionConfiguration), and the
 * profile's name: the parameters left out (worker type and number of workers unless the
 * caller sized the session with MaxCapacity, timeout, idle timeout) take the profile's
 * defaults, and values outside its limits refuse the call, as the developer guide describes
 * for sessions. Without a profile the session is as given.
 */
function profiled(ctx: Ctx, given: SessionInput): { definition: SessionInput; profileName: string | undefined } {
  const profile = callerUsageProfile(ctx);
  if (!profile) return { definition: given, profileName: undefined };
  const sized = given.MaxCapacity !== undefined;
  const values: ProfiledValues = { workerType: given.WorkerType, numberOfWorkers: given.NumberOfWorkers, timeout: given.Timeout, idleTimeout: given.IdleTimeout };
  const defaults = usageProfileDefaults(profile, "SessionConfiguration", values);
  const definition: SessionInput = { ...given };
  if (!sized && defaults.workerType !== undefined) definition.WorkerType = defaults.workerType as SessionInput["WorkerType"];
  if (!sized && defaults.numberOfWorkers !== undefined) definition.NumberOfWorkers = defaults.numberOfWorkers;
  if (defaults.timeout !== undefined) definition.Timeout = defaults.timeout;
  if (defaults.idleTimeout !== undefined) definition.IdleTimeout = defaults.idleTimeout;
  const problem = usageProfileProblem(profile, "SessionConfiguration", {
    workerType: definition.WorkerType,
    numberOfWorkers: definition.NumberOfWorkers,
    timeout: definition.Timeout,
    idleTimeout: definition.IdleTimeout,
  });
  if (problem) throw ctx.invalid(problem);
  return { definition, profileName: profile.Name };
}

export const createSession = op<CreateSessionRequest, CreateSessionResponse>({
  input: {
    Id: NAME,
    Description: DESCRIPTION,
    Role: ROLE,
    Command: struct({ Name: NAME, PythonVersion: str({ pattern: "^([2-3]|3[.]9)$" }) }),
    Timeout: int({ min: 1 }),
    IdleTimeout: int({ min: 1 }),
    DefaultArguments: map({ key: ORCHESTRATION_NAME, value: str({ max: 4096, pattern: MULTI_LINE }), max: 75 }),
    Connections: struct({ Connections: list(str(), { max: 1000 }) }),
    MaxCapacity: num({ min: 0 }),
    NumberOfWorkers: int({ min: 1 }),
    WorkerType: WORKER_TYPE,
    SecurityConfiguration: NAME,
    GlueVersion: str({ min: 1, max: 255, pattern: "^(\\w+\\.)+\\w+$" }),
    Tags: TAGS,
    RequestOrigin: ORCHESTRATION_NAME,
    SessionType: oneOf("SessionType"),
  },
  errors: ["AlreadyExistsException"],
  run(ctx, input) {
    const id = input.Id!;
    if (ctx.backend.sessions.has(id)) throw ctx.error("AlreadyExistsException", `Session ${id} already exists.`);
    const { Tags: tags, RequestOrigin: _origin, ...given } = input;
    const { definition, profileName } = profiled(ctx, given);
    const problem = capacityProblem(definition);
    if (problem) throw ctx.invalid(problem);
    if (definition.IdleTimeout !== undefined && definition.Timeout !== undefined && definition.IdleTimeout > definition.Timeout) {
      throw ctx.invalid(`IdleTimeout (${definition.IdleTimeout}) cannot be longer than Timeout (${definition.Timeout}).`);
    }
    const security = securityConfigurationProblem(ctx.backend, input.SecurityConfiguration);
    if (security) throw ctx.invalid(security);
    const session = new SessionRecord(ctx.backend.runtime(ctx), { ...definition, Id: id, Role: input.Role!, Command: { ...input.Command }, ProfileName: profileName }, sessionArn(ctx, id));
    ctx.backend.sessions.set(id, session);
    ctx.backend.tags.add(session.arn, tags);
    return { Session: session.render() };
  },
});

export const getSession = op<GetSessionRequest, GetSessionResponse>({
  input: { Id: NAME, RequestOrigin: ORCHESTRATION_NAME },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const session = findSession(ctx, input.Id!);
    ctx.observe(session.process);
    return { Session: session.render() };
  },
});

export const listSessions = op<ListSessionsRequest, ListSessionsResponse>({
  input: { NextToken: str({ max: 400000 }), MaxResults: pageSize(1000), Tags: TAGS, RequestOrigin: ORCHESTRATION_NAME },
  errors: [],
  run(ctx, input) {
    const tags = input.Tags;
    const page = ctx.paginate(ctx.backend.sessions, {
      token: input.NextToken,
      maxResults: input.MaxResults,
      defaultSize: 100,
      filter: (session) => ctx.backend.tags.matches(session.arn, tags),
      query: tags,
    });
    for (const session of page.items) {
      session.refresh();
      ctx.observe(session.process);
    }
    return { Ids: page.items.map((s) => s.definition.Id), Sessions: page.items.map((s) => s.render()), NextToken: page.nextToken };
  },
});

export const stopSession = op<StopSessionRequest, StopSessionResponse>({
  input: { Id: NAME, RequestOrigin: ORCHESTRATION_NAME },
  errors: ["IllegalSessionStateException"],
  run(ctx, input) {
    const session = findSession(ctx, input.Id!, "InvalidInputException");
    if (session.status !== "READY" && session.status !== "PROVISIONING") {
      throw ctx.error("IllegalSessionStateException", `Session ${input.Id} is ${session.status}: only a PROVISIONING or READY session can be stopped.`);
    }
    session.stop();
    return { Id: input.Id };
  },
});

export const deleteSession = op<DeleteSessionRequest, DeleteSessionResponse>({
  input: { Id: NAME, RequestOrigin: ORCHESTRATION_NAME },
  errors: ["IllegalSessionStateException"],
  run(ctx, input) {
    const id = input.Id!;
    const session = findSession(ctx, id, "InvalidInputException");
    if (session.status === "PROVISIONING" || session.status === "STOPPING") {
      throw ctx.error("IllegalSessionStateException", `Session ${id} is ${session.status}: wait until it is READY or has ended before deleting it.`);
    }
    for (const statement of session.statements.values()) statement.cancelAtEnd();
    ctx.backend.sessions.delete(id);
    ctx.backend.tags.drop(session.arn);
    return { Id: id };
  },
});

export const getSessionEndpoint = op<GetSessionEndpointRequest, GetSessionEndpointResponse>({
  input: { SessionId: NAME },
  errors: ["EntityNotFoundException", "IllegalSessionStateException"],
  run(ctx, input) {
    const session = readySession(ctx, input.SessionId!);
    if (session.definition.SessionType !== "SPARK_CONNECT") {
      throw ctx.invalid(`Session ${input.SessionId} is a ${session.definition.SessionType ?? "LIVY"} session: only SPARK_CONNECT sessions have an endpoint.`);
    }
    return {
      SparkConnect: {
        Url: `sc://${encodeURIComponent(input.SessionId!)}.glue-sessions.${ctx.region}.amazonaws.com:443/;use_ssl=true`,
        AuthToken: randomHex(64),
        AuthTokenExpirationTime: new Date(ctx.now().getTime() + 60 * 60_000),
      },
    };
  },
});

export const getSystemLogsForSession = op<GetSystemLogsForSessionRequest, GetSystemLogsForSessionResponse>({
  input: { Id: NAME },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const session = findSession(ctx, input.Id!);
    const stream = encodeURIComponent(encodeURIComponent(session.definition.Id));
    return { SystemLogsUrl: `https://${ctx.region}.console.aws.amazon.com/cloudwatch/home?region=${ctx.region}#logsV2:log-groups/log-group/$252Faws-glue$252Fsessions$252Ferror/log-events/${stream}` };
  },
});
