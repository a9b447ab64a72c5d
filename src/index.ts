/**
 * aws-doubles: in-process, stateful fakes of AWS services for the AWS SDK for JavaScript v3.
 * `mockAws()` installs them for every SDK client in the process; see the README.
 */
export { mockAws } from "./mock.js";
export { setupOptions } from "./setup-options.js";
export type { AwsMock, FailNextOptions, LifecycleControl, LifecycleWhere, RunningProcess, RuntimeOptions, ServiceName } from "./mock.js";
export type { LifecycleKindAttributes, LifecycleKindFailures, LifecycleKindName, LifecycleKindStates } from "./generated/lifecycle-kinds.js";
export type { ServiceId } from "./services/registry.js";
export type { MockAwsOptions, OnUnhandled } from "./options.js";
export type { RecordedCall } from "./engine/calls.js";
export type { Clock } from "./engine/clock.js";
export type { Fault } from "./engine/faults.js";
export type { LifecycleRule, RuleWhere, TransitionMode } from "./engine/lifecycle/engine.js";
export type { FakeCredentials } from "./intercept/accounts.js";
export { instantRetries, undoInstantRetries } from "./intercept/retries.js";
export { AwsDoublesInternalError, AwsDoublesUsageError } from "./engine/errors.js";
