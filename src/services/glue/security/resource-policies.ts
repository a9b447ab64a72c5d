import { createHash } from "node:crypto";
import type {
  DeleteResourcePolicyRequest,
  DeleteResourcePolicyResponse,
  GetResourcePoliciesRequest,
  GetResourcePoliciesResponse,
  GetResourcePolicyRequest,
  GetResourcePolicyResponse,
  GluePolicy,
  PutResourcePolicyRequest,
  PutResourcePolicyResponse,
} from "@aws-sdk/client-glue";
import { parseArn } from "../../../engine/arn.js";
import type { RequestContext } from "../../../engine/context.js";
import { oneOf, str } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { fold } from "../catalog/state.js";
import { NAME, pageSize } from "../shapes.js";

/** A resource policy: the Data Catalog's, or one set on a database, table or function. */
export interface ResourcePolicyRecord {
  ResourceArn: string;
  PolicyInJson: string;
  PolicyHash: string;
  CreateTime: Date;
  UpdateTime: Date;
  EnableHybrid: "TRUE" | "FALSE";
}

const RESOURCE_ARN = str({ min: 1, max: 10240, pattern: "^arn:aws(-(cn|us-gov|iso(-[bef])?))?:glue:.*" });
const POLICY = str({ min: 2 });
/** HashString. */
const HASH = NAME;

/** The Data Catalog resources a policy can be set on (the Glue ARN string pattern of the catalog). */
const CATALOG_RESOURCES = /^(catalog|database\/[^/]+|table\/[^/]+\/[^/]+|userDefinedFunction\/[^/]+\/[^/]+)$/;

/** The ARN a request's policy belongs to: the one given, else the Data Catalog's. */
function policyArn(ctx: RequestContext<GlueBackend>, resourceArn: string | undefined): string {
  if (resourceArn === undefined) return ctx.arn("catalog");
  const parts = parseArn(resourceArn);
  if (!parts || !CATALOG_RESOURCES.test(parts.resource)) {
    throw ctx.invalid(`${resourceArn} is not the ARN of a Data Catalog resource: a resource policy is set on the catalog (arn:…:catalog), a database, a table or a user-defined function.`);
  }
  if (!ctx.isOwn(parts)) throw ctx.error("EntityNotFoundException", `Resource ${resourceArn} is not in this account and Region's Data Catalog.`);
  return resourceArn;
}

/**
 * Why a resource-level policy cannot be put: the database, table or function its ARN names is
 * not in the account's Data Catalog (names of databases and tables in any case, as the
 * catalog keeps them). The catalog's own policy needs nothing.
 */
function missingResource(ctx: RequestContext<GlueBackend>, arn: string): string | undefined {
  const [type, database, name] = parseArn(arn)!.resource.split("/");
  if (type === "catalog") return undefined;
  const found = ctx.backend.catalog.root(ctx.accountId).databases.get(fold(database!));
  if (!found) return `Database ${database} not found.`;
  if (type === "table" && !found.tables.has(fold(name!))) return `Table ${name} not found.`;
  if (type === "userDefinedFunction" && !found.functions.has(name!)) return `Function ${name} not found.`;
  return undefined;
}

/** The policy document must be a JSON object with statements, each allowing or denying. */
function policyProblem(text: string): string | undefined {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return `PolicyInJson is not valid JSON: ${(error as Error).message}.`;
  }
  if (!document || typeof document !== "object" || Array.isArray(document)) return "PolicyInJson must be a JSON policy document (an object with a Statement).";
  const statement = (document as { Statement?: unknown }).Statement;
  const statements = Array.isArray(statement) ? statement : statement !== undefined ? [statement] : [];
  if (statements.length === 0) return "PolicyInJson has no Statement: a policy document needs at least one statement.";
  for (const [i, s] of statements.entries()) {
    if (!s || typeof s !== "object") return `PolicyInJson Statement[${i}] is not an object.`;
    const effect = (s as { Effect?: unknown }).Effect;
    if (effect !== "Allow" && effect !== "Deny") return `PolicyInJson Statement[${i}] has Effect ${JSON.stringify(effect)}: it must be "Allow" or "Deny".`;
  }
  return undefined;
}

/** A hash of the policy text (what PolicyHashCondition compares with). */
function hashOf(text: string): string {
  return createHash("sha256").update(text).digest("base64").slice(0, 32);
}

function conditionFailed(ctx: RequestContext<GlueBackend>, message: string): never {
  throw ctx.error("ConditionCheckFailureException", message);
}

function findPolicy(ctx: RequestContext<GlueBackend>, arn: string): ResourcePolicyRecord {
  const policy = ctx.backend.security.policies.get(arn);
  if (!policy) throw ctx.error("EntityNotFoundException", `Policy not found: ${arn} has no resource policy.`);
  return policy;
}

export const putResourcePolicy = op<PutResourcePolicyRequest, PutResourcePolicyResponse>({
  input: { PolicyInJson: POLICY, ResourceArn: RESOURCE_ARN, PolicyHashCondition: HASH, PolicyExistsCondition: oneOf("ExistCondition"), EnableHybrid: oneOf("EnableHybridValues") },
  errors: ["ConditionCheckFailureException", "EntityNotFoundException"],
  run(ctx, input) {
    const arn = policyArn(ctx, input.ResourceArn);
    const missing = missingResource(ctx, arn);
    if (missing) throw ctx.error("EntityNotFoundException", missing);
    const problem = policyProblem(input.PolicyInJson!);
    if (problem) throw ctx.invalid(problem);
    const current = ctx.backend.security.policies.get(arn);
    if (input.PolicyExistsCondition === "MUST_EXIST" && !current) conditionFailed(ctx, `PolicyExistsCondition MUST_EXIST: ${arn} has no resource policy to update.`);
    if (input.PolicyExistsCondition === "NOT_EXIST" && current) conditionFailed(ctx, `PolicyExistsCondition NOT_EXIST: ${arn} already has a resource policy.`);
    if (input.PolicyHashCondition !== undefined && input.PolicyHashCondition !== current?.PolicyHash) {
      conditionFailed(ctx, current ? `PolicyHashCondition ${input.PolicyHashCondition} does not match the current policy's hash: it was changed since you read it.` : `PolicyHashCondition was given but ${arn} has no resource policy.`);
    }
    const now = ctx.now();
    const hash = hashOf(input.PolicyInJson!);
    ctx.backend.security.policies.set(arn, {
      ResourceArn: arn,
      PolicyInJson: input.PolicyInJson!,
      PolicyHash: hash,
      CreateTime: current?.CreateTime ?? now,
      UpdateTime: now,
      EnableHybrid: input.EnableHybrid ?? current?.EnableHybrid ?? "FALSE",
    });
    return { PolicyHash: hash };
  },
});

export const getResourcePolicy = op<GetResourcePolicyRequest, GetResourcePolicyResponse>({
  input: { ResourceArn: RESOURCE_ARN },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const policy = findPolicy(ctx, policyArn(ctx, input.ResourceArn));
    return { PolicyInJson: policy.PolicyInJson, PolicyHash: policy.PolicyHash, CreateTime: policy.CreateTime, UpdateTime: policy.UpdateTime };
  },
});

function renderPolicy(policy: ResourcePolicyRecord): GluePolicy {
  return { PolicyInJson: policy.PolicyInJson, PolicyHash: policy.PolicyHash, CreateTime: policy.CreateTime, UpdateTime: policy.UpdateTime };
}

export const getResourcePolicies = op<GetResourcePoliciesRequest, GetResourcePoliciesResponse>({
  input: { MaxResults: pageSize(1000) },
  errors: [],
  run(ctx, input) {
    const page = ctx.paginate(ctx.backend.security.policies, { token: input.NextToken, maxResults: input.MaxResults, defaultSize: 100 });
    return { GetResourcePoliciesResponseList: page.items.map(renderPolicy), NextToken: page.nextToken };
  },
});

export const deleteResourcePolicy = op<DeleteResourcePolicyRequest, DeleteResourcePolicyResponse>({
  input: { PolicyHashCondition: HASH, ResourceArn: RESOURCE_ARN },
  errors: ["ConditionCheckFailureException", "EntityNotFoundException"],
  run(ctx, input) {
    const arn = policyArn(ctx, input.ResourceArn);
    const policy = findPolicy(ctx, arn);
    if (input.PolicyHashCondition !== undefined && input.PolicyHashCondition !== policy.PolicyHash) {
      conditionFailed(ctx, `PolicyHashCondition ${input.PolicyHashCondition} does not match the current policy's hash: it was changed since you read it.`);
    }
    ctx.backend.security.policies.delete(arn);
    return {};
  },
});
