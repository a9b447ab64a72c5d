import type { BackendScope } from "../../engine/backends.js";
import { operationsFor } from "../../engine/service.js";
import { TagStore } from "../../engine/tags.js";

/** EC2 Image Builder's state in one account and region. */
export class ImagebuilderBackend {
  readonly tags = new TagStore();

  constructor(readonly scope: BackendScope) {}
}

/** Typed operation definitions for Image Builder's resource files. */
export const op = operationsFor<ImagebuilderBackend>();
