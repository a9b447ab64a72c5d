import { Engine } from "./engine/engine.js";
import type { ResolvedOptions } from "./options.js";

/** What an installed mock changed in the process, so restore() can put it all back. */
export interface Installation {
  /** mockAws() calls not yet restored: the last restore() uninstalls. */
  holders: number;
  options: ResolvedOptions;
  uninstall(): void;
}

export interface GlobalState {
  engine: Engine;
  installation: Installation | undefined;
}

/**
 * One state per process (per realm), shared by every copy of aws-doubles that is loaded:
 * the ESM entry, the CommonJS build, or two installs of the package. The key is versioned
 * so that an incompatible future layout cannot be mistaken for this one.
 */
const KEY = Symbol.for("aws-doubles.state.v1");

export function globalState(): GlobalState {
  const holder = globalThis as unknown as Record<symbol, GlobalState | undefined>;
  let state = holder[KEY];
  if (!state) {
    state = { engine: new Engine(), installation: undefined };
    holder[KEY] = state;
  }
  return state;
}
