import type {
  AcceptShareRequest,
  AcceptShareResponse,
  CreateShareRequest,
  CreateShareResponse,
  DeleteShareRequest,
  DeleteShareResponse,
  GetShareRequest,
  GetShareResponse,
  ListSharesRequest,
  ListSharesResponse,
  ShareDetails,
  ShareResourceType,
  ShareStatus,
} from "@aws-sdk/client-omics";
import { parseArn } from "../../engine/arn.js";
import type { RequestContext } from "../../engine/context.js";
import { uuid } from "../../engine/ids.js";
import { LinearProcess } from "../../engine/lifecycle/process.js";
import { int, list, oneOf, str, struct } from "../../engine/validation/rules.js";
import { op, type OmicsBackend } from "./backend.js";
import { shareableStoreExists } from "./storage/taggable.js";

/**
 * Cross-account shares of private workflows and of variant and annotation stores (what a
 * subscriber does with a shared store, querying it through AWS Lake Formation, is not
 * modelled). The owner offers a share to a 12-digit account
 * (PENDING); that account accepts it (ACTIVATING → ACTIVE) and can then read the workflow and
 * run it with `workflowOwnerId`. Either side may delete it (DELETING → DELETED). One record
 * is seen from both accounts: the owner's backend lists it as its own, the subscriber's as
 * offered to it.
 */
export interface ShareRecord {
  seq: number;
  shareId: string;
  shareName?: string | undefined;
  resourceArn: string;
  resourceId: string;
  resourceType: ShareResourceType;
  ownerId: string;
  principalSubscriber: string;
  creationTime: Date;
  updateTime: Date;
  /** The current transition (accepting or deleting); PENDING until the first. */
  process?: LinearProcess | undefined;
}

const SHARE_NAME = str({ min: 1, max: 256, pattern: "[a-zA-Z0-9_-]+" });

export const shareStatus = (share: ShareRecord): ShareStatus => (share.process?.state ?? "PENDING") as ShareStatus;

/** Shares of `resourceArn` that still stand: offered, being accepted or active (not going away or failed). */
export function standingShares(owner: OmicsBackend, resourceArn: string): ShareRecord[] {
  return owner.sharesOwned.values().filter((s) => s.resourceArn === resourceArn && ["PENDING", "ACTIVATING", "ACTIVE"].includes(shareStatus(s)));
}

/** Whether `owner` shares `resourceArn` with `subscriber` through an ACTIVE share. */
export function hasActiveShare(owner: OmicsBackend, resourceArn: string, subscriber: string): boolean {
  return owner.sharesOwned.values().some((s) => s.resourceArn === resourceArn && s.principalSubscriber === subscriber && shareStatus(s) === "ACTIVE");
}

function details(share: ShareRecord): ShareDetails {
  const status = shareStatus(share);
  return {
    shareId: share.shareId,
    resourceArn: share.resourceArn,
    resourceId: share.resourceId,
    principalSubscriber: share.principalSubscriber,
    ownerId: share.ownerId,
    status,
    ...(status === "FAILED" ? { statusMessage: share.process?.failureMessage ?? "The share could not be activated." } : {}),
    shareName: share.shareName,
    creationTime: share.creationTime,
    updateTime: share.updateTime,
  };
}

/** A share this account owns or was offered. */
function findShare(ctx: RequestContext<OmicsBackend>, shareId: string): { share: ShareRecord; asOwner: boolean } {
  const owned = ctx.backend.sharesOwned.get(shareId);
  if (owned) return { share: owned, asOwner: true };
  const received = ctx.backend.sharesReceived.get(shareId);
  if (received) return { share: received, asOwner: false };
  throw ctx.error("ResourceNotFoundException", `Share ${shareId} not found.`);
}

function transition(ctx: RequestContext<OmicsBackend>, share: ShareRecord, path: readonly string[]): void {
  share.updateTime = ctx.now();
  share.process = ctx.track(
    new LinearProcess({ kind: "Omics.Share", path }, { shareId: share.shareId, shareName: share.shareName, resourceArn: share.resourceArn, principalSubscriber: share.principalSubscriber }, {
      onEnter: () => {
        share.updateTime = ctx.engine.clock.now();
      },
    }),
  );
}

const RESOURCE_TYPES: Array<[RegExp, ShareResourceType]> = [
  [/^workflow\/([0-9]+)$/, "WORKFLOW"],
  [/^variantStore\/([^/]+)$/, "VARIANT_STORE"],
  [/^annotationStore\/([^/]+)$/, "ANNOTATION_STORE"],
];

export const createShare = op<CreateShareRequest, CreateShareResponse>({
  input: { shareName: SHARE_NAME },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const arn = input.resourceArn!;
    const parts = parseArn(arn);
    const typed = parts?.service === "omics" ? RESOURCE_TYPES.find(([pattern]) => pattern.test(parts.resource)) : undefined;
    if (!parts || !typed) throw ctx.invalid(`${arn} is not the ARN of a shareable HealthOmics resource (a private workflow, a variant store or an annotation store).`);
    const [pattern, resourceType] = typed;
    const resourceId = pattern.exec(parts.resource)![1]!;
    const subscriber = input.principalSubscriber!;
    if (!/^[0-9]{12}$/.test(subscriber)) throw ctx.invalid(`principalSubscriber '${subscriber}' is not a 12-digit AWS account id.`);
    if (subscriber === ctx.accountId) throw ctx.invalid("principalSubscriber must be another account than the resource owner.");
    const exists = ctx.isOwn(parts) && (resourceType === "WORKFLOW" ? ctx.backend.workflows.has(resourceId) : shareableStoreExists(ctx.backend, resourceType, resourceId));
    if (!exists) throw ctx.error("ResourceNotFoundException", `The resource ${arn} was not found in account ${ctx.accountId}, ${ctx.region}.`);
    const duplicate = ctx.backend.sharesOwned.values().find((s) => s.resourceArn === arn && s.principalSubscriber === subscriber && !["DELETING", "DELETED"].includes(shareStatus(s)));
    if (duplicate) throw ctx.error("ConflictException", `${arn} is already shared with ${subscriber} (share ${duplicate.shareId}).`);

    const now = ctx.now();
    const share: ShareRecord = {
      seq: ctx.backend.nextSeq(),
      shareId: uuid(),
      shareName: input.shareName,
      resourceArn: arn,
      resourceId,
      resourceType,
      ownerId: ctx.accountId,
      principalSubscriber: subscriber,
      creationTime: now,
      updateTime: now,
    };
    ctx.backend.sharesOwned.set(share.shareId, share);
    ctx.backendFor(subscriber, ctx.region).sharesReceived.set(share.shareId, share);
    return { shareId: share.shareId, status: shareStatus(share), shareName: share.shareName };
  },
});

export const acceptShare = op<AcceptShareRequest, AcceptShareResponse>({
  input: {},
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const { share, asOwner } = findShare(ctx, input.shareId!);
    if (asOwner) throw ctx.invalid(`Share ${share.shareId} was offered to account ${share.principalSubscriber}; only that account can accept it.`);
    const status = shareStatus(share);
    if (status !== "PENDING") throw ctx.error("ConflictException", `Share ${share.shareId} is ${status}; only a PENDING share can be accepted.`);
    transition(ctx, share, ["ACTIVATING", "ACTIVE"]);
    return { status: shareStatus(share) };
  },
});

export const getShare = op<GetShareRequest, GetShareResponse>({
  input: {},
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const { share } = findShare(ctx, input.shareId!);
    ctx.observe(share.process);
    return { share: details(share) };
  },
});

export const deleteShare = op<DeleteShareRequest, DeleteShareResponse>({
  input: {},
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const { share } = findShare(ctx, input.shareId!);
    const status = shareStatus(share);
    // Deleting is idempotent: a share already going away reports where it is.
    if (status !== "DELETING" && status !== "DELETED") transition(ctx, share, ["DELETING", "DELETED"]);
    return { status: shareStatus(share) };
  },
});

export const listShares = op<ListSharesRequest, ListSharesResponse>({
  input: {
    resourceOwner: oneOf("ResourceOwner"),
    // An Integer without a modelled range: whole numbers only (the handler refuses < 1).
    maxResults: int(),
    filter: struct({
      resourceArns: list(undefined, { min: 1, max: 10 }),
      status: list(oneOf("ShareStatus"), { min: 1, max: 10 }),
      type: list(oneOf("ShareResourceType"), { min: 1, max: 10 }),
    }),
  },
  errors: [],
  run(ctx, input) {
    if (input.maxResults !== undefined && input.maxResults < 1) throw ctx.invalid(`maxResults must be at least 1; got ${input.maxResults}.`);
    const filter = input.filter ?? {};
    const table = input.resourceOwner === "SELF" ? ctx.backend.sharesOwned : ctx.backend.sharesReceived;
    const page = ctx.paginate(table, {
      token: input.nextToken,
      maxResults: input.maxResults,
      defaultSize: 50,
      filter: (s) =>
        (!filter.resourceArns || filter.resourceArns.includes(s.resourceArn)) &&
        (!filter.status || filter.status.includes(shareStatus(s))) &&
        (!filter.type || filter.type.includes(s.resourceType)),
      query: { owner: input.resourceOwner, filter },
    });
    return {
      shares: page.items.map((s) => {
        ctx.observe(s.process);
        return details(s);
      }),
      nextToken: page.nextToken,
    };
  },
});
