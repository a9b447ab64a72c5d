import { glueFamilyKinds, glueKinds } from "./glue.js";
import { imagebuilderKinds } from "./imagebuilder.js";
import { omicsKinds } from "./omics.js";
import { omicsStorageKinds } from "./omics-storage.js";
import { protonKinds } from "./proton.js";
import type { KindScenario } from "./types.js";

export * from "./types.js";
export { chainWorkflow, startWorkflowRun } from "./glue.js";
export { startAmi, startContainerImage, startImageWithBuildSteps } from "./imagebuilder.js";
export { createService, serviceOf, serviceReady } from "./proton.js";

/** Every lifecycle kind of every service, in the order docs/lifecycles.md lists them. */
export const KINDS: readonly KindScenario[] = [...glueKinds, ...glueFamilyKinds, ...imagebuilderKinds, ...omicsKinds, ...omicsStorageKinds, ...protonKinds];
