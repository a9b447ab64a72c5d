import * as protonSdk from "@aws-sdk/client-proton";
import { aws } from "aws-doubles/vitest";
import {
  activeService,
  COMPONENT_ROLE,
  CONNECTION_ARN,
  deployedEnvironment,
  ENV_SPEC,
  PIPELINE_ROLE,
  proton,
  publishedEnvironmentTemplate,
  publishedServiceTemplate,
  ROLE as PROTON_ROLE,
  serviceSpec,
  source,
} from "../../proton/helpers.js";
import { garbage, GONE, stateOf, type Change, type KindScenario, type Tracked } from "./types.js";

/** Proton's lifecycle kinds: template version registrations, deployments, services. */

const environmentOf = (name: string): Tracked => ({
  read: () => stateOf(() => proton.send(new protonSdk.GetEnvironmentCommand({ name })), (r) => r.environment?.deploymentStatus),
  rejectedRead: () => proton.send(new protonSdk.ListEnvironmentsCommand({ nextToken: garbage })),
});

const instanceOf = (serviceName: string, name: string): Tracked => ({
  read: () => stateOf(() => proton.send(new protonSdk.GetServiceInstanceCommand({ serviceName, name })), (r) => r.serviceInstance?.deploymentStatus),
  rejectedRead: () => proton.send(new protonSdk.ListServiceInstancesCommand({ serviceName, nextToken: garbage })),
});

const pipelineOf = (name: string): Tracked => ({
  read: () => stateOf(() => proton.send(new protonSdk.GetServiceCommand({ name })), (r) => r.service?.pipeline?.deploymentStatus),
  rejectedRead: () => proton.send(new protonSdk.ListServicesCommand({ nextToken: garbage })),
});

const componentOf = (name: string): Tracked => ({
  read: () => stateOf(() => proton.send(new protonSdk.GetComponentCommand({ name })), (r) => r.component?.deploymentStatus),
  rejectedRead: () => proton.send(new protonSdk.ListComponentsCommand({ nextToken: garbage })),
});

export const serviceOf = (name: string): Tracked => ({
  read: () => stateOf(() => proton.send(new protonSdk.GetServiceCommand({ name })), (r) => r.service?.status),
  rejectedRead: () => proton.send(new protonSdk.ListServicesCommand({ nextToken: garbage })),
});

const COMPONENT = {
  templateFile: "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n",
  manifest: "infrastructure:\n  templates:\n    - file: cloudformation.yaml\n      rendering_engine: jinja\n      template_language: cloudformation\n",
};

/** A Cancel…Deployment call made right after the call that started the deployment. */
function cancelling(call: string, tracked: Tracked, act: () => Promise<unknown>): Change {
  return { call, tracked, before: [], act: async () => void (await act()), leaves: "CANCELLING", next: "CANCELLED" };
}

/** CreateService of api-svc 1 (with a pipeline), its instances in `prod`. */
export function createService(name: string, instances: readonly string[]): protonSdk.CreateServiceCommand {
  return new protonSdk.CreateServiceCommand({
    name,
    templateName: "api-svc",
    templateMajorVersion: "1",
    spec: serviceSpec(instances.map((instance) => ({ name: instance, environment: "prod" }))),
    repositoryConnectionArn: CONNECTION_ARN,
    repositoryId: "acme/orders",
    branchName: "main",
  });
}

/** What a service needs: a deployed environment, a published service template, a pipeline role. */
export async function serviceReady(): Promise<void> {
  await deployedEnvironment("prod");
  await publishedServiceTemplate();
  await proton.send(new protonSdk.UpdateAccountSettingsCommand({ pipelineServiceRoleArn: PIPELINE_ROLE }));
}

export const protonKinds: KindScenario[] = [
  {
    kind: "Proton.EnvironmentTemplateVersion",
    path: ["REGISTRATION_IN_PROGRESS", "DRAFT"],
    readWith: "GetEnvironmentTemplateVersion",
    prepare: async () => void (await proton.send(new protonSdk.CreateEnvironmentTemplateCommand({ name: "vpc-env" }))),
    async start() {
      await proton.send(new protonSdk.CreateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", source: source() }));
      const key = { templateName: "vpc-env", majorVersion: "1", minorVersion: "0" };
      const tracked: Tracked = {
        read: () => stateOf(() => proton.send(new protonSdk.GetEnvironmentTemplateVersionCommand(key)), (r) => r.environmentTemplateVersion?.status),
        rejectedRead: () => proton.send(new protonSdk.ListEnvironmentTemplateVersionsCommand({ templateName: "vpc-env", nextToken: garbage })),
      };
      return { tracked };
    },
  },
  {
    kind: "Proton.ServiceTemplateVersion",
    path: ["REGISTRATION_IN_PROGRESS", "DRAFT"],
    readWith: "GetServiceTemplateVersion",
    async prepare() {
      await publishedEnvironmentTemplate("vpc-env");
      await proton.send(new protonSdk.CreateServiceTemplateCommand({ name: "api-svc" }));
    },
    async start() {
      const compatibleEnvironmentTemplates = [{ templateName: "vpc-env", majorVersion: "1" }];
      await proton.send(new protonSdk.CreateServiceTemplateVersionCommand({ templateName: "api-svc", source: source(), compatibleEnvironmentTemplates }));
      const key = { templateName: "api-svc", majorVersion: "1", minorVersion: "0" };
      const tracked: Tracked = {
        read: () => stateOf(() => proton.send(new protonSdk.GetServiceTemplateVersionCommand(key)), (r) => r.serviceTemplateVersion?.status),
        rejectedRead: () => proton.send(new protonSdk.ListServiceTemplateVersionsCommand({ templateName: "api-svc", nextToken: garbage })),
      };
      return { tracked };
    },
  },
  {
    kind: "Proton.EnvironmentDeployment",
    path: ["IN_PROGRESS", "SUCCEEDED"],
    changes: ["UpdateEnvironment", "CancelEnvironmentDeployment", "DeleteEnvironment"],
    readWith: "GetEnvironment (deploymentStatus)",
    prepare: () => publishedEnvironmentTemplate("vpc-env"),
    async start() {
      const create = (name: string) => proton.send(new protonSdk.CreateEnvironmentCommand({ name, templateName: "vpc-env", templateMajorVersion: "1", protonServiceRoleArn: PROTON_ROLE, spec: ENV_SPEC }));
      await create("prod");
      const update = async (): Promise<Change> => ({
        call: "UpdateEnvironment",
        tracked: environmentOf("prod"),
        before: ["IN_PROGRESS", "SUCCEEDED"],
        act: async () => void (await proton.send(new protonSdk.UpdateEnvironmentCommand({ name: "prod", deploymentType: "CURRENT_VERSION" }))),
        leaves: "IN_PROGRESS",
        next: "SUCCEEDED",
      });
      const cancel = async (): Promise<Change> => {
        await create("staging");
        return cancelling("CancelEnvironmentDeployment", environmentOf("staging"), () => proton.send(new protonSdk.CancelEnvironmentDeploymentCommand({ environmentName: "staging" })));
      };
      const remove = async (): Promise<Change> => ({
        call: "DeleteEnvironment",
        tracked: environmentOf("prod"),
        before: ["IN_PROGRESS", "SUCCEEDED"],
        act: async () => void (await proton.send(new protonSdk.DeleteEnvironmentCommand({ name: "prod" }))),
        leaves: "DELETE_IN_PROGRESS",
        next: GONE,
      });
      return { tracked: environmentOf("prod"), changes: [update, cancel, remove] };
    },
  },
  {
    kind: "Proton.ServiceInstanceDeployment",
    path: ["IN_PROGRESS", "SUCCEEDED"],
    changes: ["CancelServiceInstanceDeployment"],
    readWith: "GetServiceInstance (deploymentStatus)",
    prepare: () => activeService({ instances: ["api-a"] }),
    async start() {
      const update = () => proton.send(new protonSdk.UpdateServiceInstanceCommand({ serviceName: "orders", name: "api-a", deploymentType: "CURRENT_VERSION" }));
      await update();
      const tracked = instanceOf("orders", "api-a");
      const cancel = async (): Promise<Change> => {
        aws.settle();
        await update();
        return cancelling("CancelServiceInstanceDeployment", tracked, () => proton.send(new protonSdk.CancelServiceInstanceDeploymentCommand({ serviceName: "orders", serviceInstanceName: "api-a" })));
      };
      return { tracked, changes: [cancel] };
    },
  },
  {
    kind: "Proton.ServicePipelineDeployment",
    path: ["IN_PROGRESS", "SUCCEEDED"],
    changes: ["CancelServicePipelineDeployment"],
    readWith: "GetService (pipeline.deploymentStatus)",
    prepare: () => activeService({ instances: ["api-a"] }),
    async start() {
      const spec = "proton: ServiceSpec\npipeline:\n  unit_test_command: make test\n";
      const update = () => proton.send(new protonSdk.UpdateServicePipelineCommand({ serviceName: "orders", spec, deploymentType: "CURRENT_VERSION" }));
      await update();
      const tracked = pipelineOf("orders");
      const cancel = async (): Promise<Change> => {
        aws.settle();
        await update();
        return cancelling("CancelServicePipelineDeployment", tracked, () => proton.send(new protonSdk.CancelServicePipelineDeploymentCommand({ serviceName: "orders" })));
      };
      return { tracked, changes: [cancel] };
    },
  },
  {
    kind: "Proton.ComponentDeployment",
    path: ["IN_PROGRESS", "SUCCEEDED"],
    changes: ["UpdateComponent", "CancelComponentDeployment", "DeleteComponent"],
    readWith: "GetComponent (deploymentStatus)",
    prepare: () => deployedEnvironment("prod", { componentRoleArn: COMPONENT_ROLE }),
    async start() {
      await proton.send(new protonSdk.CreateComponentCommand({ name: "queue", environmentName: "prod", ...COMPONENT }));
      const tracked = componentOf("queue");
      const redeploy = () => proton.send(new protonSdk.UpdateComponentCommand({ name: "queue", deploymentType: "CURRENT_VERSION" }));
      const update = async (): Promise<Change> => ({
        call: "UpdateComponent",
        tracked,
        before: ["IN_PROGRESS", "SUCCEEDED"],
        act: async () => void (await redeploy()),
        leaves: "IN_PROGRESS",
        next: "SUCCEEDED",
      });
      const cancel = async (): Promise<Change> => {
        aws.settle();
        await redeploy();
        return cancelling("CancelComponentDeployment", tracked, () => proton.send(new protonSdk.CancelComponentDeploymentCommand({ componentName: "queue" })));
      };
      const remove = async (): Promise<Change> => ({
        call: "DeleteComponent",
        tracked,
        before: ["IN_PROGRESS", "SUCCEEDED"],
        act: async () => void (await proton.send(new protonSdk.DeleteComponentCommand({ name: "queue" }))),
        leaves: "DELETE_IN_PROGRESS",
        next: GONE,
      });
      return { tracked, changes: [update, cancel, remove] };
    },
  },
  {
    kind: "Proton.Service",
    // CREATE_IN_PROGRESS while its instance and pipeline deploy (in parallel, on the same read), then ACTIVE.
    path: ["CREATE_IN_PROGRESS", "ACTIVE"],
    changes: ["DeleteService"],
    readWith: "GetService",
    composite: true,
    prepare: serviceReady,
    async start() {
      await proton.send(createService("orders", ["api-a"]));
      const tracked = serviceOf("orders");
      const remove = async (): Promise<Change> => ({
        call: "DeleteService",
        tracked,
        before: ["CREATE_IN_PROGRESS", "ACTIVE"],
        act: async () => void (await proton.send(new protonSdk.DeleteServiceCommand({ name: "orders" }))),
        leaves: "DELETE_IN_PROGRESS",
        next: GONE,
      });
      return { tracked, changes: [remove] };
    },
  },
];
