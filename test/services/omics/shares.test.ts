import {
  AcceptShareCommand,
  ConflictException,
  CreateShareCommand,
  DeleteShareCommand,
  DeleteWorkflowCommand,
  GetRunCommand,
  GetShareCommand,
  GetWorkflowCommand,
  ListSharesCommand,
  ListWorkflowVersionsCommand,
  OmicsClient,
  paginateListShares,
  ResourceNotFoundException,
  StartRunCommand,
  ValidationException,
  waitUntilRunCompleted,
} from "@aws-sdk/client-omics";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { ACCOUNT, activeWorkflow, arn, fast, HELLO_PARAMS, omics, OTHER_ACCOUNT } from "./helpers.js";

const subscriber = () => new OmicsClient({ credentials: aws.credentialsFor(OTHER_ACCOUNT) });

async function readShareUntil(client: OmicsClient, shareId: string, status: string): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < 10; i++) {
    const { share } = await client.send(new GetShareCommand({ shareId }));
    if (seen[seen.length - 1] !== share!.status) seen.push(share!.status!);
    if (share!.status === status) return seen;
  }
  throw new Error(`share ${shareId} did not reach ${status}; saw ${seen.join(" → ")}`);
}

describe("HealthOmics shares", () => {
  it("offers a workflow to another account, which accepts it and can then read and run it", async () => {
    const workflowId = await activeWorkflow({ tags: { secret: "yes" } });
    const workflowArn = arn(`workflow/${workflowId}`);
    const created = await omics.send(new CreateShareCommand({ resourceArn: workflowArn, principalSubscriber: OTHER_ACCOUNT, shareName: "my_Share-123" }));
    expect(created.$metadata.httpStatusCode).toBe(200);
    expect(created).toMatchObject({ status: "PENDING", shareName: "my_Share-123" });
    expect(created.shareId).toMatch(/^[0-9a-f-]{36}$/);

    const other = subscriber();
    // Not yet accepted: the workflow is not visible to the subscriber.
    expect(await rejectionOf(other.send(new GetWorkflowCommand({ id: workflowId, workflowOwnerId: ACCOUNT })))).toBeInstanceOf(ResourceNotFoundException);
    const offered = await other.send(new ListSharesCommand({ resourceOwner: "OTHER" }));
    expect(offered.shares).toEqual([
      expect.objectContaining({ shareId: created.shareId, resourceArn: workflowArn, resourceId: workflowId, principalSubscriber: OTHER_ACCOUNT, ownerId: ACCOUNT, status: "PENDING" }),
    ]);

    const accepted = await other.send(new AcceptShareCommand({ shareId: created.shareId }));
    expect(accepted.status).toBe("ACTIVATING");
    expect(await readShareUntil(other, created.shareId!, "ACTIVE")).toEqual(["ACTIVATING", "ACTIVE"]);

    const shared = await other.send(new GetWorkflowCommand({ id: workflowId, workflowOwnerId: ACCOUNT }));
    expect(shared).toMatchObject({ id: workflowId, arn: workflowArn, status: "ACTIVE", engine: "WDL" });
    expect(shared.tags).toBeUndefined();
    const exported = await rejectionOf(other.send(new GetWorkflowCommand({ id: workflowId, workflowOwnerId: ACCOUNT, export: ["DEFINITION"] })));
    expect(exported).toBeInstanceOf(ValidationException);
    expect(exported.message).toContain("cannot be exported");
    expect((await other.send(new ListWorkflowVersionsCommand({ workflowId, workflowOwnerId: ACCOUNT }))).items).toEqual([]);

    // The subscriber runs the owner's workflow in its own account.
    const run = await other.send(new StartRunCommand({ workflowId, workflowOwnerId: ACCOUNT, roleArn: `arn:aws:iam::${OTHER_ACCOUNT}:role/Omics`, outputUri: "s3://subscriber-bucket/out/", parameters: HELLO_PARAMS }));
    expect(run.arn).toBe(`arn:aws:omics:us-east-1:${OTHER_ACCOUNT}:run/${run.id}`);
    expect((await waitUntilRunCompleted(fast(other), { id: run.id! })).state).toBe("SUCCESS");
    expect((await other.send(new GetRunCommand({ id: run.id }))).workflowOwnerId).toBe(ACCOUNT);
    expect(await rejectionOf(omics.send(new GetRunCommand({ id: run.id })))).toBeInstanceOf(ResourceNotFoundException);
    // A run of a shared workflow cannot be re-run from its runId.
    const rerun = await rejectionOf(other.send(new StartRunCommand({ runId: run.id, roleArn: `arn:aws:iam::${OTHER_ACCOUNT}:role/Omics`, outputUri: "s3://subscriber-bucket/out/" })));
    expect(rerun).toBeInstanceOf(ValidationException);
    expect(rerun.message).toContain("StartRun cannot re-run it");

    const { share } = await omics.send(new GetShareCommand({ shareId: created.shareId }));
    expect(share).toMatchObject({ status: "ACTIVE", ownerId: ACCOUNT });
    expect(share!.updateTime).toBeInstanceOf(Date);
    expect(share!.creationTime).toBeInstanceOf(Date);
  });

  it("ends access when either side deletes the share", async () => {
    const workflowId = await activeWorkflow();
    const { shareId } = await omics.send(new CreateShareCommand({ resourceArn: arn(`workflow/${workflowId}`), principalSubscriber: OTHER_ACCOUNT }));
    const other = subscriber();
    await other.send(new AcceptShareCommand({ shareId }));
    await readShareUntil(other, shareId!, "ACTIVE");
    const deleted = await other.send(new DeleteShareCommand({ shareId }));
    expect(deleted.status).toBe("DELETING");
    expect(await readShareUntil(omics, shareId!, "DELETED")).toEqual(["DELETING", "DELETED"]);
    expect(await rejectionOf(other.send(new GetWorkflowCommand({ id: workflowId, workflowOwnerId: ACCOUNT })))).toBeInstanceOf(ResourceNotFoundException);
    // Deleting again reports where the share is.
    expect((await omics.send(new DeleteShareCommand({ shareId }))).status).toBe("DELETED");
    // A deleted share no longer blocks a new offer.
    const again = await omics.send(new CreateShareCommand({ resourceArn: arn(`workflow/${workflowId}`), principalSubscriber: OTHER_ACCOUNT }));

    // A workflow with a standing share (even one not yet accepted) cannot be deleted.
    const shared = await rejectionOf(omics.send(new DeleteWorkflowCommand({ id: workflowId })));
    expect(shared).toBeInstanceOf(ConflictException);
    expect(shared.$metadata.httpStatusCode).toBe(409);
    expect(shared.message).toContain(`is shared (${again.shareId} with ${OTHER_ACCOUNT}, PENDING); delete its shares`);
    await omics.send(new DeleteShareCommand({ shareId: again.shareId }));
    aws.settle();
    await omics.send(new DeleteWorkflowCommand({ id: workflowId }));
  });

  it("refuses bad offers and acceptances", async () => {
    const workflowId = await activeWorkflow();
    const resourceArn = arn(`workflow/${workflowId}`);
    const self = await rejectionOf(omics.send(new CreateShareCommand({ resourceArn, principalSubscriber: ACCOUNT })));
    expect(self).toBeInstanceOf(ValidationException);
    expect(self.message).toContain("another account than the resource owner");
    const notAccount = await rejectionOf(omics.send(new CreateShareCommand({ resourceArn, principalSubscriber: "someone" })));
    expect(notAccount.message).toContain("is not a 12-digit AWS account id");
    const notShareable = await rejectionOf(omics.send(new CreateShareCommand({ resourceArn: arn("run/1234567"), principalSubscriber: OTHER_ACCOUNT })));
    expect(notShareable.message).toContain("is not the ARN of a shareable HealthOmics resource");
    const missing = await rejectionOf(omics.send(new CreateShareCommand({ resourceArn: arn("workflow/7777777"), principalSubscriber: OTHER_ACCOUNT })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    const store = await rejectionOf(omics.send(new CreateShareCommand({ resourceArn: arn("variantStore/my_store"), principalSubscriber: OTHER_ACCOUNT })));
    expect(store).toBeInstanceOf(ResourceNotFoundException);
    const badName = await rejectionOf(omics.send(new CreateShareCommand({ resourceArn, principalSubscriber: OTHER_ACCOUNT, shareName: "has space" })));
    expect(badName.message).toContain("at 'shareName' failed to satisfy constraint");

    const { shareId } = await omics.send(new CreateShareCommand({ resourceArn, principalSubscriber: OTHER_ACCOUNT }));
    const duplicate = await rejectionOf(omics.send(new CreateShareCommand({ resourceArn, principalSubscriber: OTHER_ACCOUNT })));
    expect(duplicate).toBeInstanceOf(ConflictException);
    const byOwner = await rejectionOf(omics.send(new AcceptShareCommand({ shareId })));
    expect(byOwner).toBeInstanceOf(ValidationException);
    expect(byOwner.message).toContain(`only that account can accept it`);
    const other = subscriber();
    await other.send(new AcceptShareCommand({ shareId }));
    const twice = await rejectionOf(other.send(new AcceptShareCommand({ shareId })));
    expect(twice).toBeInstanceOf(ConflictException);
    expect(twice.message).toContain("only a PENDING share can be accepted");
    const stranger = new OmicsClient({ credentials: aws.credentialsFor("333333333333") });
    const hidden = await rejectionOf(stranger.send(new GetShareCommand({ shareId })));
    expect(hidden).toBeInstanceOf(ResourceNotFoundException);
    expect(hidden.$metadata.httpStatusCode).toBe(404);
  });

  it("lists own and offered shares with filters and the SDK paginator", async () => {
    const workflowIds = [await activeWorkflow(), await activeWorkflow(), await activeWorkflow()];
    for (const id of workflowIds) await omics.send(new CreateShareCommand({ resourceArn: arn(`workflow/${id}`), principalSubscriber: OTHER_ACCOUNT }));
    const sizes: number[] = [];
    for await (const page of paginateListShares({ client: omics, pageSize: 2 }, { resourceOwner: "SELF" })) sizes.push(page.shares!.length);
    expect(sizes).toEqual([2, 1]);
    const filtered = await omics.send(new ListSharesCommand({ resourceOwner: "SELF", filter: { resourceArns: [arn(`workflow/${workflowIds[1]}`)], type: ["WORKFLOW"], status: ["PENDING"] } }));
    expect(filtered.shares!.map((s) => s.resourceId)).toEqual([workflowIds[1]]);
    expect((await omics.send(new ListSharesCommand({ resourceOwner: "SELF", filter: { status: ["ACTIVE"] } }))).shares).toEqual([]);
    expect((await omics.send(new ListSharesCommand({ resourceOwner: "OTHER" }))).shares).toEqual([]);
    expect((await subscriber().send(new ListSharesCommand({ resourceOwner: "OTHER" }))).shares).toHaveLength(3);
    const badType = await rejectionOf(omics.send(new ListSharesCommand({ resourceOwner: "SELF", filter: { type: ["PIPELINE" as never] } })));
    expect(badType).toBeInstanceOf(ValidationException);
    const noOwner = await rejectionOf(omics.send(new ListSharesCommand({} as never)));
    expect(noOwner.message).toContain("Value null at 'resourceOwner'");
    const fraction = await rejectionOf(omics.send(new ListSharesCommand({ resourceOwner: "SELF", maxResults: 1.5 })));
    expect(fraction).toBeInstanceOf(ValidationException);
    expect(fraction.message).toContain("at 'maxResults' failed to satisfy constraint: Member must be a whole number");
    const zero = await rejectionOf(omics.send(new ListSharesCommand({ resourceOwner: "SELF", maxResults: 0 })));
    expect(zero.message).toBe("maxResults must be at least 1; got 0.");
  });
});
