import type { BackendScope } from "../../engine/backends.js";
import { OrderedTable } from "../../engine/ordered-table.js";
import { operationsFor } from "../../engine/service.js";
import { TagStore } from "../../engine/tags.js";
import type { WorkflowRecord } from "./workflows.js";

/** Glue's state in one account and region. */
export class GlueBackend {
  /** Workflows by name, listed in name order. */
  readonly workflows = new OrderedTable<WorkflowRecord>();
  readonly tags = new TagStore();

  constructor(readonly scope: BackendScope) {}
}

/** Typed operation definitions for Glue's resource files. */
export const op = operationsFor<GlueBackend>();
