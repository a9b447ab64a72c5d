import {
  CreateEnvironmentCommand,
  CreateEnvironmentTemplateCommand,
  CreateEnvironmentTemplateVersionCommand,
  CreateServiceCommand,
  CreateServiceTemplateCommand,
  CreateServiceTemplateVersionCommand,
  GetEnvironmentCommand,
  GetEnvironmentTemplateCommand,
  GetEnvironmentTemplateVersionCommand,
  GetServiceCommand,
  GetServiceTemplateVersionCommand,
  ProtonClient,
  UpdateAccountSettingsCommand,
  UpdateEnvironmentTemplateVersionCommand,
  UpdateServiceTemplateVersionCommand,
  type ServiceTemplateSupportedComponentSourceType,
} from "@aws-sdk/client-proton";
import { aws } from "aws-doubles/vitest";

/** Shared setup for the Proton tests: a client and builders for the resources most tests need. */
export const proton = new ProtonClient({});
export const ACCOUNT = "123456789012";
export const arn = (resource: string) => `arn:aws:proton:us-east-1:${ACCOUNT}:${resource}`;
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/ProtonServiceRole`;
export const COMPONENT_ROLE = `arn:aws:iam::${ACCOUNT}:role/ProtonComponentRole`;
export const CONNECTION_ARN = `arn:aws:codestar-connections:us-east-1:${ACCOUNT}:connection/0123abcd`;

/** Waiter settings for a fake: tiny delays, a short overall limit. */
export const fast = (client: ProtonClient = proton) => ({ client, maxWaitTime: 5, minDelay: 0.001, maxDelay: 0.001 });

/** `count` customer tags `<prefix>0`, `<prefix>1`, … (for Proton's limit of 50, inherited ones included). */
export const manyTags = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => ({ key: `${prefix}${i}`, value: "v" }));

export const source = (key = "bundle.tar.gz") => ({ s3: { bucket: "proton-templates", key } });

export const ENV_SPEC = "proton: EnvironmentSpec\nspec:\n  vpc_cidr: 10.0.0.0/16\n";

export function serviceSpec(instances: Array<{ name: string; environment: string }>, pipeline = true): string {
  const lines = ["proton: ServiceSpec"];
  if (pipeline) lines.push("pipeline:", "  unit_test_command: npm test");
  lines.push("instances:");
  for (const instance of instances) lines.push(`  - name: ${instance.name}`, `    environment: ${instance.environment}`, "    spec:", "      port: 8080");
  return `${lines.join("\n")}\n`;
}

/** Reads a template version until its registration ends (as a waiter would). */
async function registered(read: () => Promise<{ status?: string | undefined }>): Promise<void> {
  for (let i = 0; i < 10; i++) if ((await read()).status !== "REGISTRATION_IN_PROGRESS") return;
  throw new Error("registration did not end within 10 reads");
}

/** An environment template with `minors` published minor versions of major 1 (1.0, 1.1, …). */
export async function publishedEnvironmentTemplate(name = "vpc-env", minors = 1, options: { provisioning?: "CUSTOMER_MANAGED" } = {}): Promise<void> {
  await proton.send(new CreateEnvironmentTemplateCommand({ name, ...options }));
  for (let minor = 0; minor < minors; minor++) {
    await proton.send(new CreateEnvironmentTemplateVersionCommand({ templateName: name, majorVersion: minor === 0 ? undefined : "1", source: source() }));
    const key = { templateName: name, majorVersion: "1", minorVersion: String(minor) };
    await registered(async () => (await proton.send(new GetEnvironmentTemplateVersionCommand(key))).environmentTemplateVersion!);
    await proton.send(new UpdateEnvironmentTemplateVersionCommand({ ...key, status: "PUBLISHED" }));
  }
}

/** A service template with published minors of major 1, compatible with `vpc-env:1`. */
export async function publishedServiceTemplate(
  name = "api-svc",
  minors = 1,
  options: { pipeline?: boolean; components?: boolean; environmentTemplate?: string } = {},
): Promise<void> {
  await proton.send(new CreateServiceTemplateCommand({ name, pipelineProvisioning: options.pipeline === false ? "CUSTOMER_MANAGED" : undefined }));
  const supportedComponentSources: ServiceTemplateSupportedComponentSourceType[] | undefined = options.components ? ["DIRECTLY_DEFINED"] : undefined;
  for (let minor = 0; minor < minors; minor++) {
    await proton.send(
      new CreateServiceTemplateVersionCommand({
        templateName: name,
        majorVersion: minor === 0 ? undefined : "1",
        source: source(),
        compatibleEnvironmentTemplates: [{ templateName: options.environmentTemplate ?? "vpc-env", majorVersion: "1" }],
        supportedComponentSources,
      }),
    );
    const key = { templateName: name, majorVersion: "1", minorVersion: String(minor) };
    await registered(async () => (await proton.send(new GetServiceTemplateVersionCommand(key))).serviceTemplateVersion!);
    await proton.send(new UpdateServiceTemplateVersionCommand({ ...key, status: "PUBLISHED" }));
  }
}

/** Reads until the resource's status leaves the in-progress states (at most 10 reads). */
export async function settled<T>(read: () => Promise<T>, status: (value: T) => string | undefined): Promise<T> {
  let value = await read();
  for (let i = 0; i < 10 && /IN_PROGRESS|CANCELLING/.test(status(value) ?? ""); i++) value = await read();
  return value;
}

/** A deployed environment `name` of `vpc-env` 1.x (the template is created when missing). */
export async function deployedEnvironment(name = "prod", options: { componentRoleArn?: string; minors?: number } = {}): Promise<void> {
  const template = await proton.send(new GetEnvironmentTemplateCommand({ name: "vpc-env" })).catch(() => undefined);
  if (!template) await publishedEnvironmentTemplate("vpc-env", options.minors ?? 1);
  await proton.send(new CreateEnvironmentCommand({ name, templateName: "vpc-env", templateMajorVersion: "1", protonServiceRoleArn: ROLE, spec: ENV_SPEC, componentRoleArn: options.componentRoleArn }));
  await settled(() => proton.send(new GetEnvironmentCommand({ name })), (r) => r.environment?.deploymentStatus);
}

export const PIPELINE_ROLE = `arn:aws:iam::${ACCOUNT}:role/ProtonPipelineRole`;

/**
 * An ACTIVE service `orders` of `api-svc` 1.0 with the given instances in `prod` (the
 * environment, templates and pipeline role are created on the way).
 */
export async function activeService(
  options: { name?: string; instances?: string[]; pipeline?: boolean; minors?: number; components?: boolean; minorVersion?: string } = {},
): Promise<void> {
  const name = options.name ?? "orders";
  await deployedEnvironment("prod", { componentRoleArn: COMPONENT_ROLE });
  await publishedServiceTemplate("api-svc", options.minors ?? 1, { pipeline: options.pipeline, components: options.components });
  if (options.pipeline !== false) await proton.send(new UpdateAccountSettingsCommand({ pipelineServiceRoleArn: PIPELINE_ROLE }));
  const instances = (options.instances ?? ["api-a", "api-b"]).map((instance) => ({ name: instance, environment: "prod" }));
  await proton.send(
    new CreateServiceCommand({
      name,
      templateName: "api-svc",
      templateMajorVersion: "1",
      templateMinorVersion: options.minorVersion ?? "0",
      spec: serviceSpec(instances, options.pipeline !== false),
      ...(options.pipeline === false ? {} : { repositoryConnectionArn: CONNECTION_ARN, repositoryId: "acme/orders", branchName: "main" }),
    }),
  );
  await settled(() => proton.send(new GetServiceCommand({ name })), (r) => r.service?.status);
}

export { aws };
