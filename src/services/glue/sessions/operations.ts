import { registerDashboardResolver } from "../admin/dashboard-url.js";
import { createSession, deleteSession, getSession, getSessionEndpoint, getSystemLogsForSession, listSessions, stopSession } from "./sessions.js";
import { cancelStatement, getStatement, listStatements, runStatement } from "./statements.js";

// GetDashboardUrl (admin/) answers the Spark UI of an existing session by its id.
registerDashboardResolver("SESSION", (backend, id) => (backend.sessions.has(id) ? { path: `session-details/${encodeURIComponent(id)}` } : undefined));

/** Interactive sessions and their statements. */
export const SESSION_OPERATIONS = {
  CreateSession: createSession,
  GetSession: getSession,
  ListSessions: listSessions,
  StopSession: stopSession,
  DeleteSession: deleteSession,
  GetSessionEndpoint: getSessionEndpoint,
  GetSystemLogsForSession: getSystemLogsForSession,
  RunStatement: runStatement,
  GetStatement: getStatement,
  ListStatements: listStatements,
  CancelStatement: cancelStatement,
};
