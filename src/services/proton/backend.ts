import type { BackendScope } from "../../engine/backends.js";
import { operationsFor } from "../../engine/service.js";
import { TagStore } from "../../engine/tags.js";

/** AWS Proton's state in one account and region. */
export class ProtonBackend {
  readonly tags = new TagStore();

  constructor(readonly scope: BackendScope) {}
}

/** Typed operation definitions for Proton's resource files. */
export const op = operationsFor<ProtonBackend>();
