import type {
  ConfigurationStatus,
  CreateConfigurationRequest,
  CreateConfigurationResponse,
  DeleteConfigurationRequest,
  GetConfigurationRequest,
  GetConfigurationResponse,
  ListConfigurationsRequest,
  ListConfigurationsResponse,
  VpcConfigResponse,
} from "@aws-sdk/client-omics";
import type { RequestContext } from "../../engine/context.js";
import { uuid } from "../../engine/ids.js";
import { LinearProcess } from "../../engine/lifecycle/process.js";
import { list, str, struct } from "../../engine/validation/rules.js";
import { op, type NoOutput, type OmicsBackend } from "./backend.js";
import { CONFIGURATION_NAME, LIST_TOKEN, pageSize, printable, REQUEST_ID, TAGS } from "./shapes.js";
import { checkNewTags } from "./tags.js";

/**
 * Configurations: named run settings (today a VPC configuration for runs with networkingMode
 * VPC). Creation walks CREATING → ACTIVE; deletion DELETING → DELETED, after which the name
 * is free again. The VPC id is not reported: the fake has no EC2 to resolve the subnets.
 */
export interface ConfigurationRecord {
  seq: number;
  name: string;
  arn: string;
  uuid: string;
  description?: string | undefined;
  vpcConfig?: VpcConfigResponse | undefined;
  creationTime: Date;
  process: LinearProcess;
}

const VPC_CONFIG = struct({
  securityGroupIds: list(str({ min: 4, max: 128, pattern: "sg-[0-9a-f]+" }), { max: 5 }),
  subnetIds: list(str({ min: 8, max: 128, pattern: "subnet-[0-9a-f]+" }), { max: 16 }),
});

export function findConfiguration(ctx: RequestContext<OmicsBackend>, name: string): ConfigurationRecord {
  const configuration = ctx.backend.configurations.get(name);
  if (!configuration) throw ctx.error("ResourceNotFoundException", `Configuration ${name} not found.`);
  return configuration;
}

const statusOf = (configuration: ConfigurationRecord) => configuration.process.state as ConfigurationStatus;

function view(ctx: RequestContext<OmicsBackend>, c: ConfigurationRecord): GetConfigurationResponse {
  return {
    arn: c.arn,
    uuid: c.uuid,
    name: c.name,
    description: c.description,
    runConfigurations: c.vpcConfig ? { vpcConfig: c.vpcConfig } : {},
    status: statusOf(c),
    creationTime: c.creationTime,
    tags: ctx.backend.tags.get(c.arn),
  };
}

export const createConfiguration = op<CreateConfigurationRequest, CreateConfigurationResponse>({
  input: { name: CONFIGURATION_NAME, description: printable(1, 256), runConfigurations: struct({ vpcConfig: VPC_CONFIG }), tags: TAGS, requestId: REQUEST_ID },
  errors: ["ConflictException", "ServiceQuotaExceededException"],
  replayable: (ctx, recorded) => ctx.backend.configurations.get(recorded.name!)?.uuid === recorded.uuid,
  run(ctx, input) {
    const backend = ctx.backend;
    const name = input.name!;
    if (backend.configurations.has(name)) throw ctx.error("ConflictException", `A configuration named ${name} already exists.`);
    const vpc = input.runConfigurations!.vpcConfig;
    if (!vpc || (vpc.subnetIds ?? []).length === 0 || (vpc.securityGroupIds ?? []).length === 0) {
      throw ctx.invalid("runConfigurations.vpcConfig must name at least one subnet (subnetIds) and one security group (securityGroupIds).");
    }
    checkNewTags(ctx, input.tags);
    if (backend.configurations.size >= backend.quotas.configurations) {
      throw ctx.error("ServiceQuotaExceededException", `This account already has ${backend.configurations.size} configurations in ${ctx.region}, the maximum (quota "configurations").`);
    }
    const arn = backend.arn(`configuration/${name}`);
    const configuration: ConfigurationRecord = {
      seq: backend.nextSeq(),
      name,
      arn,
      uuid: uuid(),
      description: input.description,
      vpcConfig: { securityGroupIds: [...vpc.securityGroupIds!], subnetIds: [...vpc.subnetIds!] },
      creationTime: ctx.now(),
      process: ctx.track(new LinearProcess({ kind: "Omics.Configuration", path: ["CREATING", "ACTIVE"] }, { name })),
    };
    backend.configurations.set(name, configuration);
    backend.tags.add(arn, input.tags ?? {});
    return view(ctx, configuration);
  },
});

export const getConfiguration = op<GetConfigurationRequest, GetConfigurationResponse>({
  input: { name: CONFIGURATION_NAME },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const configuration = findConfiguration(ctx, input.name!);
    ctx.observe(configuration.process);
    // A deletion that has finished leaves nothing to read.
    if (statusOf(configuration) === "DELETED") throw ctx.error("ResourceNotFoundException", `Configuration ${input.name} not found.`);
    return view(ctx, configuration);
  },
});

export const deleteConfiguration = op<DeleteConfigurationRequest, NoOutput>({
  input: { name: CONFIGURATION_NAME },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const configuration = findConfiguration(ctx, input.name!);
    const status = statusOf(configuration);
    if (status === "CREATING" || status === "DELETING" || status === "DELETED") {
      throw ctx.error("ConflictException", `Configuration ${configuration.name} is ${status}; it can be deleted when it is ACTIVE or FAILED.`);
    }
    const backend = ctx.backend;
    configuration.process = ctx.track(
      new LinearProcess({ kind: "Omics.Configuration", path: ["DELETING", "DELETED"] }, { name: configuration.name }, {
        onEnter: (state) => {
          if (state === "DELETED" && backend.configurations.get(configuration.name) === configuration) {
            backend.configurations.delete(configuration.name);
            backend.tags.drop(configuration.arn);
          }
        },
      }),
    );
    return {};
  },
});

export const listConfigurations = op<ListConfigurationsRequest, ListConfigurationsResponse>({
  input: { maxResults: pageSize(10), startingToken: LIST_TOKEN },
  errors: [],
  run(ctx, input) {
    const page = ctx.paginate(ctx.backend.configurations, { token: input.startingToken, maxResults: input.maxResults, defaultSize: 10 });
    return {
      items: page.items.map((c) => {
        ctx.observe(c.process);
        return { arn: c.arn, name: c.name, description: c.description, status: statusOf(c), creationTime: c.creationTime };
      }),
      nextToken: page.nextToken,
    };
  },
});
