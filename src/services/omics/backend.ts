import type { BackendScope } from "../../engine/backends.js";
import { operationsFor } from "../../engine/service.js";
import { TagStore } from "../../engine/tags.js";

/** HealthOmics' state in one account and region. */
export class OmicsBackend {
  readonly tags = new TagStore();

  constructor(readonly scope: BackendScope) {}
}

/** Typed operation definitions for Omics' resource files. */
export const op = operationsFor<OmicsBackend>();
