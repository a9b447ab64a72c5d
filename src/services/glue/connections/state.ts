import { OrderedTable } from "../../../engine/ordered-table.js";
import type { ConnectionTypeEntry } from "./connection-types.js";
import type { ConnectionRecord } from "./connections.js";

/** Connections of one account's Data Catalog in one region, and the REST connection types registered there. */
export class ConnectionsState {
  readonly connections = new OrderedTable<ConnectionRecord>();
  /** Connection types by name: the built-in ones (added on first use) and the registered REST types. */
  readonly types = new OrderedTable<ConnectionTypeEntry>();
  builtInsLoaded = false;
}
