import {
  ConflictException,
  CreateWorkflowCommand,
  CreateWorkflowVersionCommand,
  DeleteWorkflowCommand,
  DeleteWorkflowVersionCommand,
  GetRunCommand,
  GetWorkflowVersionCommand,
  ListTagsForResourceCommand,
  ListWorkflowVersionsCommand,
  paginateListWorkflowVersions,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  UpdateWorkflowVersionCommand,
  ValidationException,
  waitUntilWorkflowVersionActive,
} from "@aws-sdk/client-omics";
import { aws } from "aws-doubles/vitest";
import { describe, expect, it } from "vitest";
import { setServiceQuota } from "aws-doubles/omics";
import { rejectionOf } from "../../support/errors.js";
import { activeWorkflow, arn, fast, HELLO_PARAMS, HELLO_ZIP, omics, startRun, zipOf } from "./helpers.js";

const V2_WDL = `version 1.0
workflow hello {
  input {
    String sample_name
    File reads
    Boolean fast_mode = false
  }
  call align
}
task align { command <<< echo >>> runtime { cpu: 2 } }
`;

async function activeVersion(workflowId: string, versionName: string, extra: Record<string, unknown> = {}) {
  const created = await omics.send(new CreateWorkflowVersionCommand({ workflowId, versionName, definitionZip: zipOf({ "main.wdl": V2_WDL }), ...extra }));
  await waitUntilWorkflowVersionActive(fast(), { workflowId, versionName });
  return created;
}

describe("HealthOmics workflow versions", () => {
  it("creates a version with its own ARN, uuid and definition, and waits until it is ACTIVE", async () => {
    const workflowId = await activeWorkflow();
    const created = await omics.send(
      new CreateWorkflowVersionCommand({
        workflowId,
        versionName: "v2.0_beta-1",
        description: "second version",
        definitionZip: zipOf({ "main.wdl": V2_WDL }),
        storageType: "DYNAMIC",
        tags: { stage: "beta" },
        workflowBucketOwnerId: "123456789012",
      }),
    );
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created).toMatchObject({ arn: arn(`workflow/${workflowId}/version/v2.0_beta-1`), workflowId, versionName: "v2.0_beta-1", status: "CREATING", tags: { stage: "beta" } });
    expect((await waitUntilWorkflowVersionActive(fast(), { workflowId, versionName: "v2.0_beta-1" })).state).toBe("SUCCESS");

    const version = await omics.send(new GetWorkflowVersionCommand({ workflowId, versionName: "v2.0_beta-1" }));
    expect(version).toMatchObject({
      arn: created.arn,
      uuid: created.uuid,
      status: "ACTIVE",
      type: "PRIVATE",
      engine: "WDL",
      description: "second version",
      storageType: "DYNAMIC",
      workflowBucketOwnerId: "123456789012",
      // The version's own definition: it inherits nothing from the workflow.
      parameterTemplate: { sample_name: { optional: false }, reads: { optional: false }, fast_mode: { optional: true } },
      tags: { stage: "beta" },
    });
    expect(version.digest).toMatch(/^sha256:/);
  });

  it("makes waitUntilWorkflowVersionActive fail on a FAILED version", async () => {
    const workflowId = await activeWorkflow();
    aws.lifecycle("Omics.WorkflowVersion", { versionName: "bad" }).endsIn("FAILED", { message: "container image not found" });
    await omics.send(new CreateWorkflowVersionCommand({ workflowId, versionName: "bad", definitionZip: HELLO_ZIP() }));
    const error = await rejectionOf(waitUntilWorkflowVersionActive(fast(), { workflowId, versionName: "bad" }));
    expect(error.message).toContain('"state":"FAILURE"');
    expect((await omics.send(new GetWorkflowVersionCommand({ workflowId, versionName: "bad" }))).statusMessage).toBe("container image not found");
  });

  it("refuses duplicate names, bad names, missing workflows and workflows not yet ACTIVE", async () => {
    const workflowId = await activeWorkflow();
    await activeVersion(workflowId, "v2");
    const duplicate = await rejectionOf(omics.send(new CreateWorkflowVersionCommand({ workflowId, versionName: "v2", definitionZip: HELLO_ZIP() })));
    expect(duplicate).toBeInstanceOf(ConflictException);
    expect(duplicate.message).toContain("already has a version named v2");

    const badName = await rejectionOf(omics.send(new CreateWorkflowVersionCommand({ workflowId, versionName: "-v3", definitionZip: HELLO_ZIP() })));
    expect(badName).toBeInstanceOf(ValidationException);
    expect(badName.message).toContain("at 'versionName' failed to satisfy constraint: Member must satisfy regular expression pattern");

    const noWorkflow = await rejectionOf(omics.send(new CreateWorkflowVersionCommand({ workflowId: "1111111", versionName: "v1", definitionZip: HELLO_ZIP() })));
    expect(noWorkflow).toBeInstanceOf(ResourceNotFoundException);

    const notZip = await rejectionOf(omics.send(new CreateWorkflowVersionCommand({ workflowId, versionName: "v3", definitionZip: new Uint8Array([0, 1, 2]) })));
    expect(notZip).toBeInstanceOf(ValidationException);
    expect(notZip.message).toContain("not a valid ZIP archive");

    const hold = aws.lifecycle("Omics.Workflow", { name: "young" }).staysIn("CREATING");
    const { id: creating } = await omics.send(new CreateWorkflowCommand({ name: "young", definitionZip: HELLO_ZIP() }));
    const notActive = await rejectionOf(omics.send(new CreateWorkflowVersionCommand({ workflowId: creating, versionName: "v1", definitionZip: HELLO_ZIP() })));
    expect(notActive).toBeInstanceOf(ConflictException);
    hold.release();
  });

  it("updates only the settings that do not change what runs", async () => {
    const workflowId = await activeWorkflow();
    await activeVersion(workflowId, "v2", { description: "old" });
    const before = await omics.send(new GetWorkflowVersionCommand({ workflowId, versionName: "v2" }));
    const result = await omics.send(new UpdateWorkflowVersionCommand({ workflowId, versionName: "v2", description: "new", storageType: "STATIC", storageCapacity: 500, readmeMarkdown: "# v2" }));
    expect(result.$metadata.httpStatusCode).toBe(202);
    const after = await omics.send(new GetWorkflowVersionCommand({ workflowId, versionName: "v2", export: ["README"] }));
    expect(after).toMatchObject({ description: "new", storageType: "STATIC", storageCapacity: 500, digest: before.digest });
    expect(await (await fetch(after.readme!)).text()).toBe("# v2");
    const missing = await rejectionOf(omics.send(new UpdateWorkflowVersionCommand({ workflowId, versionName: "v9", description: "x" })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing.message).toContain(`Version v9 of workflow ${workflowId} not found`);
  });

  it("lists versions with the SDK paginator", async () => {
    const workflowId = await activeWorkflow();
    for (const name of ["v1", "v2", "v3"]) await omics.send(new CreateWorkflowVersionCommand({ workflowId, versionName: name, definitionZip: HELLO_ZIP(), description: `version ${name}` }));
    const names: string[][] = [];
    for await (const page of paginateListWorkflowVersions({ client: omics, pageSize: 2 }, { workflowId })) names.push(page.items!.map((v) => v.versionName!));
    expect(names).toEqual([["v1", "v2"], ["v3"]]);
    const { items } = await omics.send(new ListWorkflowVersionsCommand({ workflowId }));
    expect(items![0]).toMatchObject({ arn: arn(`workflow/${workflowId}/version/v1`), workflowId, description: "version v1", type: "PRIVATE" });
    expect(items![0]!.creationTime).toBeInstanceOf(Date);
    expect(await rejectionOf(omics.send(new ListWorkflowVersionsCommand({ workflowId: "2222222" })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("deletes versions (the name can be reused), and a workflow only once its versions are gone", async () => {
    const workflowId = await activeWorkflow();
    const first = await activeVersion(workflowId, "v2", { tags: { a: "1" } });
    const blocked = await rejectionOf(omics.send(new DeleteWorkflowCommand({ id: workflowId })));
    expect(blocked).toBeInstanceOf(ConflictException);
    expect(blocked.$metadata.httpStatusCode).toBe(409);
    expect(blocked.message).toContain("still has 1 version(s) (v2)");

    const deleted = await omics.send(new DeleteWorkflowVersionCommand({ workflowId, versionName: "v2" }));
    expect(deleted.$metadata.httpStatusCode).toBe(202);
    expect(await rejectionOf(omics.send(new GetWorkflowVersionCommand({ workflowId, versionName: "v2" })))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(omics.send(new ListTagsForResourceCommand({ resourceArn: first.arn! })))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(omics.send(new DeleteWorkflowVersionCommand({ workflowId, versionName: "v2" })))).toBeInstanceOf(ResourceNotFoundException);

    const reused = await activeVersion(workflowId, "v2");
    expect(reused.uuid).not.toBe(first.uuid);
    await omics.send(new DeleteWorkflowVersionCommand({ workflowId, versionName: "v2" }));
    await omics.send(new DeleteWorkflowCommand({ id: workflowId }));
  });

  it("runs a version's own definition; deleting the version does not affect its runs", async () => {
    const workflowId = await activeWorkflow();
    await activeVersion(workflowId, "v2");
    const runId = await startRun({ workflowId, workflowVersionName: "v2", parameters: { ...HELLO_PARAMS, fast_mode: true } });
    await omics.send(new DeleteWorkflowVersionCommand({ workflowId, versionName: "v2" }));
    aws.settle();
    const run = await omics.send(new GetRunCommand({ id: runId }));
    expect(run).toMatchObject({ status: "COMPLETED", workflowVersionName: "v2" });
    const gone = await rejectionOf(startRun({ workflowId, workflowVersionName: "v2" }));
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
  });

  it("enforces the versions-per-workflow quota", async () => {
    const workflowId = await activeWorkflow();
    setServiceQuota("workflowVersions", 1);
    await omics.send(new CreateWorkflowVersionCommand({ workflowId, versionName: "v1", definitionZip: HELLO_ZIP() }));
    const error = await rejectionOf(omics.send(new CreateWorkflowVersionCommand({ workflowId, versionName: "v2", definitionZip: HELLO_ZIP() })));
    expect(error).toBeInstanceOf(ServiceQuotaExceededException);
  });
});
