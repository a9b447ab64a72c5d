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

/** The SDK's `config.serviceId` of a modelled service (the only form the engine keys on). */
export type ServiceId = "Glue" | "imagebuilder" | "Omics" | "Proton";

/**
 * A service as a person may name it: its SDK service id ("imagebuilder"), its client's name
 * ("Imagebuilder" of ImagebuilderClient, "ImageBuilder" of the docs), its ARN part ("omics"),
 * in any letter case, with or without spaces ("EC2 Image Builder", "HealthOmics").
 */
const ALIASES: Readonly<Record<string, ServiceId>> = {
  glue: "Glue",
  awsglue: "Glue",
  imagebuilder: "imagebuilder",
  ec2imagebuilder: "imagebuilder",
  omics: "Omics",
  healthomics: "Omics",
  awshealthomics: "Omics",
  proton: "Proton",
  awsproton: "Proton",
};

/**
 * The SigV4 signing name of each modelled service (the service part of a request's credential
 * scope; each model's `aws.auth#sigv4` name, which is also its ARN service here). Known without
 * loading a service, so a request for a service that is not modelled loads none.
 */
const SIGNING_NAMES: Readonly<Record<string, ServiceId>> = {
  glue: "Glue",
  imagebuilder: "imagebuilder",
  omics: "Omics",
  proton: "Proton",
};

/** The service id a SigV4 signing name ("glue", any letter case) belongs to, or undefined. */
export function serviceIdBySigningName(name: string): ServiceId | undefined {
  const key = name.toLowerCase();
  return Object.hasOwn(SIGNING_NAMES, key) ? SIGNING_NAMES[key] : undefined;
}

/** The service ids whose modules have been loaded so far, in load order. */
export function loadedServiceIds(): string[] {
  return [...loaded.keys()];
}

/** The service id a user-written name means, or undefined. */
export function resolveServiceId(name: unknown): ServiceId | undefined {
  if (typeof name !== "string") return undefined;
  const key = name.replace(/[\s_-]/g, "").toLowerCase();
  return Object.hasOwn(ALIASES, key) ? ALIASES[key] : undefined;
}

/** A modelled service by its SDK service id (exactly as clients report it). */
export function findService(serviceId: string): ServiceDefinition<unknown> | undefined {
  let service = loaded.get(serviceId);
  if (!service) {
    if (!Object.hasOwn(loaders, serviceId)) return undefined;
    service = loaders[serviceId]!();
    loaded.set(serviceId, service);
  }
  return service;
}

/** A modelled service by any name a user may write (see resolveServiceId). */
export function findServiceByName(name: unknown): ServiceDefinition<unknown> | undefined {
  const id = resolveServiceId(name);
  return id ? findService(id) : undefined;
}

/** Whether the service models an operation (own entries only: "constructor" is no operation). */
export function hasOperation(service: ServiceDefinition<unknown>, operation: unknown): operation is string {
  return typeof operation === "string" && Object.hasOwn(service.operations, operation);
}

/** Every lifecycle kind of every modelled service (what aws.lifecycle(kind) accepts). */
export function lifecycleKinds(): LifecycleKind[] {
  return serviceIds().flatMap((id) => findService(id)?.lifecycles ?? []);
}
