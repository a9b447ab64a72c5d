import type { LifecycleKind } from "../../../engine/service.js";

export const SESSION = "Glue.Session";
export const STATEMENT = "Glue.Statement";

export const SESSION_LIFECYCLES: readonly LifecycleKind[] = [
  {
    // Provisioning (PROVISIONING → READY, or FAILED) and stopping (STOPPING → STOPPED) are each
    // a process of this kind; TIMEOUT comes from the virtual clock (Timeout, IdleTimeout).
    kind: SESSION,
    states: ["PROVISIONING", "READY", "FAILED", "TIMEOUT", "STOPPING", "STOPPED"],
    failures: ["FAILED"],
    attributes: ["SessionId"],
  },
  {
    // WAITING while an earlier statement of its session runs; ERROR when its stand-in says so.
    kind: STATEMENT,
    states: ["WAITING", "RUNNING", "AVAILABLE", "CANCELLING", "CANCELLED", "ERROR"],
    failures: ["ERROR", "CANCELLED"],
    attributes: ["SessionId", "StatementId"],
  },
];
