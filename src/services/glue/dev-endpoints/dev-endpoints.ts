import type {
  BatchGetDevEndpointsRequest,
  BatchGetDevEndpointsResponse,
  CreateDevEndpointRequest,
  CreateDevEndpointResponse,
  DeleteDevEndpointRequest,
  DeleteDevEndpointResponse,
  DevEndpoint,
  GetDevEndpointRequest,
  GetDevEndpointResponse,
  GetDevEndpointsRequest,
  GetDevEndpointsResponse,
  ListDevEndpointsRequest,
  ListDevEndpointsResponse,
  UpdateDevEndpointRequest,
  UpdateDevEndpointResponse,
} from "@aws-sdk/client-glue";
import { deepCopy } from "../../../engine/canonical.js";
import type { RequestContext } from "../../../engine/context.js";
import { LinearProcess } from "../../../engine/lifecycle/process.js";
import { int, list, map, str } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { capacityProblem } from "../jobs.js";
import { securityConfigurationProblem } from "../security/security-configurations.js";
import { NAME, pageSize, TAGS, WORKER_TYPE } from "../shapes.js";
import { DEV_ENDPOINT } from "./lifecycles.js";

/**
 * Development endpoints: an environment to develop and test ETL scripts. Creating one starts a
 * Glue.DevEndpoint process, PROVISIONING → READY (or FAILED, with FailureReason, when a test
 * rule says so); its addresses appear once it is READY.
 */

type Ctx = RequestContext<GlueBackend>;

export interface DevEndpointRecord {
  definition: DevEndpoint;
  readonly arn: string;
  readonly process: LinearProcess;
}

const ENDPOINT_NAME = str({ min: 1 });
const ROLE_ARN = str({ pattern: "^arn:aws:iam::\\d{12}:role/.*" });
const PUBLIC_KEYS = list(str(), { max: 5 });
const ARGUMENTS = map({ max: 100 });
/** "The default is 5" DPUs when no worker type is given. */
const DEFAULT_NODES = 5;

function findEndpoint(ctx: Ctx, name: string): DevEndpointRecord {
  const endpoint = ctx.backend.devEndpoints.get(name);
  if (!endpoint) throw ctx.error("EntityNotFoundException", `Dev Endpoint ${name} not found.`);
  return endpoint;
}

/** Addresses a provisioned endpoint gets: private ones in a VPC subnet, a public one otherwise. */
function provisioned(record: DevEndpointRecord, region: string): void {
  const d = record.definition;
  const octets = [...record.arn].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  const ip = `10.${(octets >> 16) & 255}.${(octets >> 8) & 255}.${(octets & 254) + 1}`;
  if (d.SubnetId) {
    d.PrivateAddress = ip;
    d.VpcId = `vpc-${(octets % 0xfffffff).toString(16).padStart(8, "0")}`;
    d.AvailabilityZone = `${region}a`;
  } else {
    d.PublicAddress = `ec2-${ip.replace(/\./g, "-")}.${region}.compute.amazonaws.com`;
  }
  d.YarnEndpointAddress = `http://${ip}:8088`;
  d.ZeppelinRemoteSparkInterpreterPort = 9007;
}

function render(ctx: Ctx, record: DevEndpointRecord): DevEndpoint {
  ctx.observe(record.process);
  return deepCopy(record.definition);
}

export const createDevEndpoint = op<CreateDevEndpointRequest, CreateDevEndpointResponse>({
  input: {
    EndpointName: ENDPOINT_NAME,
    RoleArn: ROLE_ARN,
    PublicKeys: PUBLIC_KEYS,
    NumberOfNodes: int({ min: 0 }),
    WorkerType: WORKER_TYPE,
    GlueVersion: str({ min: 1, max: 255, pattern: "^(\\w+\\.)+\\w+$" }),
    NumberOfWorkers: int({ min: 1 }),
    SecurityConfiguration: NAME,
    Tags: TAGS,
    Arguments: ARGUMENTS,
  },
  errors: ["AlreadyExistsException"],
  run(ctx, input) {
    const name = input.EndpointName!;
    if (ctx.backend.devEndpoints.has(name)) throw ctx.error("AlreadyExistsException", `Dev Endpoint ${name} already exists.`);
    const workers = input.WorkerType !== undefined || input.NumberOfWorkers !== undefined;
    if (workers && input.NumberOfNodes) throw ctx.invalid("Please do not set NumberOfNodes if using Worker Type and Number of Workers.");
    const problem = capacityProblem({ WorkerType: input.WorkerType, NumberOfWorkers: input.NumberOfWorkers });
    if (problem) throw ctx.invalid(problem);
    if (input.PublicKey !== undefined && (input.PublicKeys?.length ?? 0) > 0) throw ctx.invalid("Please set only PublicKey or PublicKeys.");
    const security = securityConfigurationProblem(ctx.backend, input.SecurityConfiguration);
    if (security) throw ctx.invalid(security);
    const now = ctx.now();
    const definition: DevEndpoint = {
      EndpointName: name,
      RoleArn: input.RoleArn,
      SecurityGroupIds: input.SecurityGroupIds ? [...input.SecurityGroupIds] : undefined,
      SubnetId: input.SubnetId,
      Status: "PROVISIONING",
      WorkerType: input.WorkerType,
      GlueVersion: input.GlueVersion ?? "0.9",
      NumberOfWorkers: input.NumberOfWorkers,
      NumberOfNodes: workers ? 0 : (input.NumberOfNodes || DEFAULT_NODES),
      ExtraPythonLibsS3Path: input.ExtraPythonLibsS3Path,
      ExtraJarsS3Path: input.ExtraJarsS3Path,
      CreatedTimestamp: now,
      LastModifiedTimestamp: now,
      PublicKey: input.PublicKey,
      PublicKeys: input.PublicKeys ? [...input.PublicKeys] : input.PublicKey !== undefined ? [input.PublicKey] : undefined,
      SecurityConfiguration: input.SecurityConfiguration,
      Arguments: input.Arguments ? { ...input.Arguments } : undefined,
    };
    const arn = ctx.arn(`devEndpoint/${name}`);
    const region = ctx.region;
    const record: DevEndpointRecord = {
      definition,
      arn,
      process: ctx.track(
        new LinearProcess({ kind: DEV_ENDPOINT, path: ["PROVISIONING", "READY"] }, { EndpointName: name }, {
          onEnter(state, process) {
            definition.Status = state;
            if (state === "READY") provisioned(record, region);
            if (state === "FAILED") definition.FailureReason = process.failureMessage ?? "The development endpoint failed to provision.";
          },
        }),
      ),
    };
    ctx.backend.devEndpoints.set(name, record);
    ctx.backend.tags.add(arn, input.Tags);
    const d = definition;
    return {
      EndpointName: name,
      Status: d.Status,
      SecurityGroupIds: d.SecurityGroupIds,
      SubnetId: d.SubnetId,
      RoleArn: d.RoleArn,
      NumberOfNodes: d.NumberOfNodes,
      WorkerType: d.WorkerType,
      GlueVersion: d.GlueVersion,
      NumberOfWorkers: d.NumberOfWorkers,
      ExtraPythonLibsS3Path: d.ExtraPythonLibsS3Path,
      ExtraJarsS3Path: d.ExtraJarsS3Path,
      SecurityConfiguration: d.SecurityConfiguration,
      CreatedTimestamp: d.CreatedTimestamp,
      Arguments: d.Arguments,
    };
  },
});

export const getDevEndpoint = op<GetDevEndpointRequest, GetDevEndpointResponse>({
  input: { EndpointName: ENDPOINT_NAME },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    return { DevEndpoint: render(ctx, findEndpoint(ctx, input.EndpointName!)) };
  },
});

export const getDevEndpoints = op<GetDevEndpointsRequest, GetDevEndpointsResponse>({
  input: { MaxResults: pageSize(1000) },
  errors: [],
  run(ctx, input) {
    const page = ctx.paginate(ctx.backend.devEndpoints, { token: input.NextToken, maxResults: input.MaxResults, defaultSize: 100 });
    return { DevEndpoints: page.items.map((e) => render(ctx, e)), NextToken: page.nextToken };
  },
});

export const listDevEndpoints = op<ListDevEndpointsRequest, ListDevEndpointsResponse>({
  input: { MaxResults: pageSize(1000), Tags: TAGS },
  errors: [],
  run(ctx, input) {
    const tags = input.Tags;
    const page = ctx.paginate(ctx.backend.devEndpoints, { token: input.NextToken, maxResults: input.MaxResults, defaultSize: 100, filter: (e) => ctx.backend.tags.matches(e.arn, tags), query: tags });
    return { DevEndpointNames: page.items.map((e) => e.definition.EndpointName!), NextToken: page.nextToken };
  },
});

export const batchGetDevEndpoints = op<BatchGetDevEndpointsRequest, BatchGetDevEndpointsResponse>({
  input: { DevEndpointNames: list(str(), { min: 1, max: 25 }) },
  errors: [],
  run(ctx, input) {
    const found: DevEndpoint[] = [];
    const missing: string[] = [];
    for (const name of input.DevEndpointNames!) {
      const endpoint = ctx.backend.devEndpoints.get(name);
      if (endpoint) found.push(render(ctx, endpoint));
      else missing.push(name);
    }
    return { DevEndpoints: found, DevEndpointsNotFound: missing.length > 0 ? missing : undefined };
  },
});

export const updateDevEndpoint = op<UpdateDevEndpointRequest, UpdateDevEndpointResponse>({
  input: { EndpointName: ENDPOINT_NAME, AddPublicKeys: PUBLIC_KEYS, DeletePublicKeys: PUBLIC_KEYS, AddArguments: ARGUMENTS },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const endpoint = findEndpoint(ctx, input.EndpointName!);
    const d = endpoint.definition;
    const deleted = new Set(input.DeletePublicKeys ?? []);
    const keys = [...(d.PublicKeys ?? []).filter((k) => !deleted.has(k))];
    for (const key of input.AddPublicKeys ?? []) if (!keys.includes(key)) keys.push(key);
    if (input.PublicKey !== undefined && !keys.includes(input.PublicKey)) keys.push(input.PublicKey);
    if (keys.length > 5) throw ctx.invalid(`A development endpoint can have at most 5 public keys; this update would leave ${keys.length}.`);
    if (input.UpdateEtlLibraries && !input.CustomLibraries) throw ctx.invalid("UpdateEtlLibraries needs CustomLibraries to load.");
    const args = { ...(d.Arguments ?? {}) };
    for (const key of input.DeleteArguments ?? []) delete args[key];
    Object.assign(args, input.AddArguments ?? {});
    if (Object.keys(args).length > 100) throw ctx.invalid("A development endpoint can have at most 100 arguments.");
    d.PublicKeys = keys.length > 0 ? keys : undefined;
    if (input.PublicKey !== undefined) d.PublicKey = input.PublicKey;
    else if (d.PublicKey !== undefined && deleted.has(d.PublicKey)) d.PublicKey = undefined;
    d.Arguments = Object.keys(args).length > 0 ? args : undefined;
    if (input.CustomLibraries) {
      if (input.CustomLibraries.ExtraPythonLibsS3Path !== undefined) d.ExtraPythonLibsS3Path = input.CustomLibraries.ExtraPythonLibsS3Path;
      if (input.CustomLibraries.ExtraJarsS3Path !== undefined) d.ExtraJarsS3Path = input.CustomLibraries.ExtraJarsS3Path;
    }
    d.LastUpdateStatus = "COMPLETED";
    d.LastModifiedTimestamp = ctx.now();
    return {};
  },
});

export const deleteDevEndpoint = op<DeleteDevEndpointRequest, DeleteDevEndpointResponse>({
  input: { EndpointName: ENDPOINT_NAME },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const endpoint = findEndpoint(ctx, input.EndpointName!);
    ctx.backend.devEndpoints.delete(input.EndpointName!);
    ctx.backend.tags.drop(endpoint.arn);
    return {};
  },
});
