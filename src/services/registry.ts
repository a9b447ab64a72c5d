import type { LifecycleKind, ServiceDefinition } from "../engine/service.js";

/**
 * The modelled services, by the SDK's `config.serviceId`. Each is loaded on first use, so a
 * process that only talks to Glue never loads the Image Builder model.
 */
const loaders: Record<string, () => ServiceDefinition<unknown>> = {
  Glue: () => (require("./glue/index.js") as { glue: ServiceDefinition<unknown> }).glue,
  imagebuilder: () => (require("./imagebuilder/index.js") as { imagebuilder: ServiceDefinition<unknown> }).imagebuilder,
  Omics: () => (require("./omics/index.js") as { omics: ServiceDefinition<unknown> }).omics,
  Proton: () => (require("./proton/index.js") as { proton: ServiceDefinition<unknown> }).proton,
};

const loaded = new Map<string, ServiceDefinition<unknown>>();

export function serviceIds(): string[] {
  return Object.keys(loaders);
}

export function findService(serviceId: string): ServiceDefinition<unknown> | undefined {
  let service = loaded.get(serviceId);
  if (!service) {
    const load = loaders[serviceId];
    if (!load) return undefined;
    service = load();
    loaded.set(serviceId, service);
  }
  return service;
}

/** Every lifecycle kind of every modelled service (what aws.lifecycle(kind) accepts). */
export function lifecycleKinds(): LifecycleKind[] {
  return serviceIds().flatMap((id) => findService(id)?.lifecycles ?? []);
}
