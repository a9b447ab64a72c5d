import type {
  DeleteS3AccessPolicyRequest,
  DeleteS3AccessPolicyResponse,
  GetS3AccessPolicyRequest,
  GetS3AccessPolicyResponse,
  PutS3AccessPolicyRequest,
  PutS3AccessPolicyResponse,
  StoreType,
} from "@aws-sdk/client-omics";
import type { RequestContext } from "../../engine/context.js";
import { str } from "../../engine/validation/rules.js";
import { op, type OmicsBackend } from "./backend.js";

/**
 * S3 access policies of sequence and reference stores, addressed by the store's S3 access
 * point ARN. The store APIs themselves are not modelled, so a test declares the stores it
 * needs with `declareStore` from `aws-doubles/omics`; a store starts with the default policy
 * HealthOmics creates (the owner account may read its objects), and Put replaces it, Get
 * reads it and Delete removes it.
 */
export interface StoreRecord {
  storeId: string;
  storeType: StoreType;
  s3AccessPointArn: string;
  s3Uri: string;
  policy?: { text: string; updateTime: Date } | undefined;
}

const ACCESS_POINT_ARN = str({ min: 1, max: 1024, pattern: "arn:[^:]*:s3:[^:]*:[^:]*:accesspoint/.*" });
const POLICY = str({ min: 1, max: 100000 });

/** The elements HealthOmics accepts in a store's S3 access policy. */
const POLICY_ELEMENTS = new Set(["Version", "Id", "Statement"]);
const STATEMENT_ELEMENTS = new Set(["Sid", "Effect", "Principal", "Action", "Resource", "Condition"]);

/** The policy a new store gets: its owner account may read the store's objects. */
export function defaultPolicy(store: { s3AccessPointArn: string }, accountId: string, partition: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "OwnerAccountRead",
        Effect: "Allow",
        Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
        Action: ["s3:GetObject", "s3:GetObjectTagging", "s3:ListBucket"],
        Resource: [store.s3AccessPointArn, `${store.s3AccessPointArn}/object/*`],
      },
    ],
  });
}

function findStore(ctx: RequestContext<OmicsBackend>, arn: string): StoreRecord {
  const store = ctx.backend.stores.get(arn);
  if (!store) throw ctx.error("ResourceNotFoundException", `No sequence or reference store of account ${ctx.accountId} in ${ctx.region} has the S3 access point ${arn}.`);
  return store;
}

/** Why a policy document is not one HealthOmics accepts, or undefined. */
function policyProblem(text: string): string | undefined {
  let policy: unknown;
  try {
    policy = JSON.parse(text);
  } catch (error) {
    return `s3AccessPolicy is not valid JSON: ${(error as Error).message}`;
  }
  if (!policy || typeof policy !== "object" || Array.isArray(policy)) return "s3AccessPolicy must be a JSON policy document (an object).";
  const unsupported = Object.keys(policy).filter((key) => !POLICY_ELEMENTS.has(key));
  if (unsupported.length > 0) return `s3AccessPolicy uses unsupported policy elements: ${unsupported.join(", ")}.`;
  const raw = (policy as { Statement?: unknown }).Statement;
  const statements = Array.isArray(raw) ? raw : raw !== undefined ? [raw] : [];
  if (statements.length === 0) return "s3AccessPolicy must have at least one Statement.";
  for (const statement of statements) {
    if (!statement || typeof statement !== "object") return "Each Statement of s3AccessPolicy must be an object.";
    const extra = Object.keys(statement).filter((key) => !STATEMENT_ELEMENTS.has(key));
    if (extra.length > 0) return `s3AccessPolicy statements use unsupported elements: ${extra.join(", ")}.`;
    const effect = (statement as { Effect?: unknown }).Effect;
    if (effect !== "Allow" && effect !== "Deny") return "Each Statement of s3AccessPolicy needs an Effect of Allow or Deny.";
  }
  return undefined;
}

export const putS3AccessPolicy = op<PutS3AccessPolicyRequest, PutS3AccessPolicyResponse>({
  input: { s3AccessPointArn: ACCESS_POINT_ARN, s3AccessPolicy: POLICY },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const store = findStore(ctx, input.s3AccessPointArn!);
    const problem = policyProblem(input.s3AccessPolicy!);
    if (problem) throw ctx.invalid(problem);
    store.policy = { text: input.s3AccessPolicy!, updateTime: ctx.now() };
    return { s3AccessPointArn: store.s3AccessPointArn, storeId: store.storeId, storeType: store.storeType };
  },
});

export const getS3AccessPolicy = op<GetS3AccessPolicyRequest, GetS3AccessPolicyResponse>({
  input: { s3AccessPointArn: ACCESS_POINT_ARN },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const store = findStore(ctx, input.s3AccessPointArn!);
    if (!store.policy) throw ctx.error("ResourceNotFoundException", `The store ${store.storeId} has no S3 access policy.`);
    return {
      s3AccessPointArn: store.s3AccessPointArn,
      storeId: store.storeId,
      storeType: store.storeType,
      updateTime: store.policy.updateTime,
      s3AccessPolicy: store.policy.text,
    };
  },
});

export const deleteS3AccessPolicy = op<DeleteS3AccessPolicyRequest, DeleteS3AccessPolicyResponse>({
  input: { s3AccessPointArn: ACCESS_POINT_ARN },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const store = findStore(ctx, input.s3AccessPointArn!);
    if (!store.policy) throw ctx.error("ResourceNotFoundException", `The store ${store.storeId} has no S3 access policy to delete.`);
    store.policy = undefined;
    return {};
  },
});
