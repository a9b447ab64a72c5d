import type { LifecycleKind } from "../../../engine/service.js";

export const DEV_ENDPOINT = "Glue.DevEndpoint";

export const DEV_ENDPOINT_LIFECYCLES: readonly LifecycleKind[] = [
  { kind: DEV_ENDPOINT, states: ["PROVISIONING", "READY", "FAILED"], failures: ["FAILED"], attributes: ["EndpointName"] },
];
