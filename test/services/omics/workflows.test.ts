import {
  ConflictException,
  CreateWorkflowCommand,
  DeleteWorkflowCommand,
  GetWorkflowCommand,
  ListTagsForResourceCommand,
  ListWorkflowsCommand,
  OmicsClient,
  paginateListWorkflows,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  UpdateWorkflowCommand,
  ValidationException,
  waitUntilWorkflowActive,
} from "@aws-sdk/client-omics";
import { aws } from "aws-doubles/vitest";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { setServiceQuota } from "aws-doubles/omics";
import { rejectionOf } from "../../support/errors.js";
import { activeWorkflow, arn, fast, HELLO_WDL, HELLO_ZIP, omics, zipOf } from "./helpers.js";

describe("HealthOmics workflows", () => {
  it("creates a workflow with every member of CreateWorkflow and reads it back", async () => {
    const created = await omics.send(
      new CreateWorkflowCommand({
        name: "cram-converter",
        description: "Converts CRAM to BAM",
        engine: "WDL",
        definitionZip: HELLO_ZIP(),
        main: "main.wdl",
        parameterTemplate: { sample_name: { description: "Sample", optional: false }, reads: { description: "Reads" } },
        storageCapacity: 100,
        storageType: "STATIC",
        accelerators: "GPU",
        tags: { team: "genomics" },
        requestId: "create-1",
        containerRegistryMap: {
          registryMappings: [{ upstreamRegistryUrl: "registry-1.docker.io", ecrRepositoryPrefix: "docker-hub", upstreamRepositoryPrefix: "library", ecrAccountId: "123456789012" }],
          imageMappings: [{ sourceImage: "ubuntu:22.04", destinationImage: "123456789012.dkr.ecr.us-east-1.amazonaws.com/ubuntu:22.04" }],
        },
        readmeMarkdown: "# CRAM converter\nConverts files.",
        workflowBucketOwnerId: "123456789012",
      }),
    );
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created.id).toMatch(/^[0-9]{7}$/);
    expect(created.arn).toBe(arn(`workflow/${created.id}`));
    expect(created.status).toBe("CREATING");
    expect(created.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(created.tags).toEqual({ team: "genomics" });

    const workflow = await omics.send(new GetWorkflowCommand({ id: created.id }));
    expect(workflow).toMatchObject({
      arn: created.arn,
      id: created.id,
      uuid: created.uuid,
      type: "PRIVATE",
      name: "cram-converter",
      description: "Converts CRAM to BAM",
      engine: "WDL",
      main: "main.wdl",
      storageCapacity: 100,
      storageType: "STATIC",
      accelerators: "GPU",
      // A given template is kept as given (HealthOmics generates one only when none is given).
      parameterTemplate: { sample_name: { description: "Sample", optional: false }, reads: { description: "Reads" } },
      tags: { team: "genomics" },
    });
    expect(workflow.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(workflow.creationTime).toBeInstanceOf(Date);
    expect(workflow.containerRegistryMap?.imageMappings?.[0]?.sourceImage).toBe("ubuntu:22.04");
    // No export asked: no definition or README location.
    expect(workflow.definition).toBeUndefined();
    expect(workflow.readme).toBeUndefined();
  });

  it("goes CREATING → ACTIVE, and waitUntilWorkflowActive returns on ACTIVE", async () => {
    const { id } = await omics.send(new CreateWorkflowCommand({ definitionZip: HELLO_ZIP() }));
    const result = await waitUntilWorkflowActive(fast(), { id: id! });
    expect(result.state).toBe("SUCCESS");
    expect((await omics.send(new GetWorkflowCommand({ id }))).status).toBe("ACTIVE");
  });

  it("makes waitUntilWorkflowActive fail when the workflow ends FAILED", async () => {
    aws.lifecycle("Omics.Workflow", { name: "broken" }).endsIn("FAILED", { message: "main.wdl: unsupported WDL version" });
    const { id } = await omics.send(new CreateWorkflowCommand({ name: "broken", definitionZip: HELLO_ZIP() }));
    const error = await rejectionOf(waitUntilWorkflowActive(fast(), { id: id! }));
    expect(error.message).toContain('"state":"FAILURE"');
    const workflow = await omics.send(new GetWorkflowCommand({ id }));
    expect(workflow.status).toBe("FAILED");
    expect(workflow.statusMessage).toBe("main.wdl: unsupported WDL version");
  });

  it("fails a workflow whose main file declares no workflow, with a statusMessage saying why", async () => {
    const { id } = await omics.send(new CreateWorkflowCommand({ definitionZip: zipOf({ "main.wdl": "version 1.0\ntask t { command <<< echo >>> }\n" }) }));
    const error = await rejectionOf(waitUntilWorkflowActive(fast(), { id: id! }));
    expect(error.message).toContain("FAILURE");
    const workflow = await omics.send(new GetWorkflowCommand({ id }));
    expect(workflow.statusMessage).toContain("no workflow block");
  });

  it("stays CREATING while a test holds it, and settle() finishes it", async () => {
    const hold = aws.lifecycle("Omics.Workflow").staysIn("CREATING");
    const { id } = await omics.send(new CreateWorkflowCommand({ definitionZip: HELLO_ZIP() }));
    for (let i = 0; i < 3; i++) expect((await omics.send(new GetWorkflowCommand({ id }))).status).toBe("CREATING");
    hold.release();
    aws.settle();
    expect((await omics.send(new GetWorkflowCommand({ id }))).status).toBe("ACTIVE");
  });

  it("refuses a definitionZip that is not a zip archive, and stores nothing", async () => {
    const error = await rejectionOf(omics.send(new CreateWorkflowCommand({ name: "bad", definitionZip: new TextEncoder().encode("workflow hello {}") })));
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toContain("definitionZip is not a valid ZIP archive");
    expect((await omics.send(new ListWorkflowsCommand({}))).items).toEqual([]);
  });

  it("needs exactly one definition source", async () => {
    const none = await rejectionOf(omics.send(new CreateWorkflowCommand({ name: "none" })));
    expect(none).toBeInstanceOf(ValidationException);
    expect(none.message).toContain("exactly one of definitionZip, definitionUri or definitionRepository");

    const two = await rejectionOf(omics.send(new CreateWorkflowCommand({ definitionZip: HELLO_ZIP(), definitionUri: "s3://bucket/workflow.zip" })));
    expect(two).toBeInstanceOf(ValidationException);
    expect(two.message).toContain("definitionZip and definitionUri");
  });

  it("finds the main file: the only definition, else the one named main, else main must be given", async () => {
    const nested = await omics.send(new CreateWorkflowCommand({ definitionZip: zipOf({ "wf/hello.wdl": HELLO_WDL, "wf/README.md": "# hi" }) }));
    expect((await omics.send(new GetWorkflowCommand({ id: nested.id }))).main).toBe("wf/hello.wdl");

    const named = await omics.send(new CreateWorkflowCommand({ definitionZip: zipOf({ "main.wdl": HELLO_WDL, "lib/tasks.wdl": "version 1.0\ntask x { command <<< >>> }" }) }));
    expect((await omics.send(new GetWorkflowCommand({ id: named.id }))).main).toBe("main.wdl");

    const ambiguous = await rejectionOf(omics.send(new CreateWorkflowCommand({ definitionZip: zipOf({ "a.wdl": HELLO_WDL, "b.wdl": HELLO_WDL }) })));
    expect(ambiguous).toBeInstanceOf(ValidationException);
    expect(ambiguous.message).toContain("name the main file with the main parameter");

    const chosen = await omics.send(new CreateWorkflowCommand({ main: "b.wdl", definitionZip: zipOf({ "a.wdl": HELLO_WDL, "b.wdl": HELLO_WDL }) }));
    expect((await omics.send(new GetWorkflowCommand({ id: chosen.id }))).main).toBe("b.wdl");

    const missing = await rejectionOf(omics.send(new CreateWorkflowCommand({ main: "nope.wdl", definitionZip: HELLO_ZIP() })));
    expect(missing.message).toContain("The main file 'nope.wdl' is not in definitionZip");

    const empty = await rejectionOf(omics.send(new CreateWorkflowCommand({ definitionZip: zipOf({ "notes.txt": "hello" }) })));
    expect(empty.message).toContain("holds no workflow definition file");
  });

  it("picks the main file nearest the archive root, ignoring hidden files, within one engine", async () => {
    const mainOf = async (files: Record<string, string>, engine?: "WDL" | "NEXTFLOW") => {
      const { id } = await omics.send(new CreateWorkflowCommand({ definitionZip: zipOf(files), ...(engine ? { engine } : {}) }));
      return (await omics.send(new GetWorkflowCommand({ id }))).main;
    };
    const TASKS = "version 1.0\ntask align { command <<< bwa >>> }\n";
    const NF = "workflow { }\n";
    // Imported files deeper in the archive do not compete with the file at its root.
    expect(await mainOf({ "workflow.wdl": HELLO_WDL, "tasks/align.wdl": TASKS, "tasks/qc.wdl": TASKS })).toBe("workflow.wdl");
    expect(await mainOf({ "pipeline/run.wdl": HELLO_WDL, "pipeline/lib/align.wdl": TASKS })).toBe("pipeline/run.wdl");
    // Hidden files and folders are ignored.
    expect(await mainOf({ "hello.wdl": HELLO_WDL, ".scratch.wdl": TASKS, ".github/ci.wdl": TASKS })).toBe("hello.wdl");
    // Several engines: the given engine's files compete, else the request names the main file.
    expect(await mainOf({ "main.wdl": HELLO_WDL, "main.nf": NF }, "NEXTFLOW")).toBe("main.nf");
    const mixed = await rejectionOf(omics.send(new CreateWorkflowCommand({ definitionZip: zipOf({ "main.wdl": HELLO_WDL, "main.nf": NF }) })));
    expect(mixed).toBeInstanceOf(ValidationException);
    expect(mixed.message).toContain("definition files of several engines (NEXTFLOW, WDL); set engine");
    // Several at the nearest level: the one named main, else main must be given.
    expect(await mainOf({ "main.wdl": HELLO_WDL, "other.wdl": TASKS, "sub/x.wdl": TASKS })).toBe("main.wdl");
    const several = await rejectionOf(omics.send(new CreateWorkflowCommand({ definitionZip: zipOf({ "wf/a.wdl": HELLO_WDL, "wf/b.wdl": TASKS }) })));
    expect(several.message).toContain("2 workflow definition files nearest its root (wf/a.wdl, wf/b.wdl) and none is named main");
    expect((await omics.send(new ListWorkflowsCommand({}))).items).toHaveLength(5);
  });

  it("refuses a definitionZip over 4.4 MB, and archives that expand beyond 100 MiB, storing nothing", async () => {
    // Random bytes do not compress: the archive itself is over the documented limit.
    const noise = new Uint8Array(4_500_000).map(() => Math.floor(Math.random() * 256));
    const big = zipSync({ "main.wdl": strToU8(HELLO_WDL), "data.bin": noise }, { level: 0 });
    const tooBig = await rejectionOf(omics.send(new CreateWorkflowCommand({ definitionZip: big })));
    expect(tooBig).toBeInstanceOf(ValidationException);
    expect(tooBig.message).toContain("a definition sent with the request can be at most 4.4 MB");
    // An archive declaring that it inflates to 200 MiB is refused before anything is inflated
    // (the central directory's uncompressed size of its one entry, at offset 24, says so).
    const bomb = zipSync({ "main.wdl": strToU8(HELLO_WDL) });
    const central = Buffer.from(bomb).lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    new DataView(bomb.buffer).setUint32(central + 24, 200 * 1024 * 1024, true);
    const expands = await rejectionOf(omics.send(new CreateWorkflowCommand({ definitionZip: bomb })));
    expect(expands).toBeInstanceOf(ValidationException);
    expect(expands.message).toContain("expands to more than 100 MiB");
    expect((await omics.send(new ListWorkflowsCommand({}))).items).toEqual([]);
  });

  it("detects the engine from the main file and refuses a contradicting engine", async () => {
    const nf = await omics.send(new CreateWorkflowCommand({ definitionZip: zipOf({ "main.nf": "params.x = 1\nworkflow { }\n" }) }));
    expect((await omics.send(new GetWorkflowCommand({ id: nf.id }))).engine).toBe("NEXTFLOW");
    const lenient = await omics.send(new CreateWorkflowCommand({ engine: "WDL_LENIENT", definitionZip: HELLO_ZIP() }));
    expect((await omics.send(new GetWorkflowCommand({ id: lenient.id }))).engine).toBe("WDL_LENIENT");
    const wrong = await rejectionOf(omics.send(new CreateWorkflowCommand({ engine: "CWL", definitionZip: HELLO_ZIP() })));
    expect(wrong).toBeInstanceOf(ValidationException);
    expect(wrong.message).toContain("is a WDL definition, but engine is CWL");
  });

  it("keeps definitionUri and definitionRepository workflows as described (the fake cannot fetch them)", async () => {
    const fromS3 = await omics.send(new CreateWorkflowCommand({ engine: "NEXTFLOW", definitionUri: "s3://my-bucket/workflows/rnaseq.zip", parameterTemplate: { input: { optional: false } } }));
    const workflow = await omics.send(new GetWorkflowCommand({ id: fromS3.id, export: ["DEFINITION"] }));
    expect(workflow).toMatchObject({ engine: "NEXTFLOW", parameterTemplate: { input: { optional: false } }, definition: "s3://my-bucket/workflows/rnaseq.zip" });

    const repository = {
      connectionArn: "arn:aws:codeconnections:us-east-1:123456789012:connection/abc123",
      fullRepositoryId: "my-org/my-workflow",
      sourceReference: { type: "BRANCH" as const, value: "main" },
      excludeFilePatterns: ["tests/**"],
    };
    const fromRepo = await omics.send(new CreateWorkflowCommand({ engine: "WDL", definitionRepository: repository, readmePath: "docs/README.md", parameterTemplatePath: "params.json" }));
    const repoWorkflow = await omics.send(new GetWorkflowCommand({ id: fromRepo.id }));
    expect(repoWorkflow.definitionRepositoryDetails).toMatchObject({ connectionArn: repository.connectionArn, fullRepositoryId: "my-org/my-workflow", sourceReference: { type: "BRANCH", value: "main" } });
    expect(repoWorkflow.readmePath).toBe("docs/README.md");

    const badUri = await rejectionOf(omics.send(new CreateWorkflowCommand({ definitionUri: "https://example.com/wf.zip" })));
    expect(badUri.message).toContain("is not an Amazon S3 object URI");
    const badRef = await rejectionOf(omics.send(new CreateWorkflowCommand({ definitionRepository: { ...repository, sourceReference: { type: "NOT_A_TYPE" as never, value: "x" } } })));
    expect(badRef).toBeInstanceOf(ValidationException);
    expect(badRef.message).toContain("Member must satisfy enum value set: [BRANCH, COMMIT, TAG]");
    const readmeTwice = await rejectionOf(omics.send(new CreateWorkflowCommand({ definitionZip: HELLO_ZIP(), readmeMarkdown: "# a", readmeUri: "s3://bucket/README.md" })));
    expect(readmeTwice.message).toContain("at most one README source");
  });

  it("keeps the S3-located members of a definitionUri workflow, and refuses conflicting ones", async () => {
    const { id } = await omics.send(
      new CreateWorkflowCommand({
        engine: "WDL",
        definitionUri: "s3://my-bucket/workflows/qc.zip",
        main: "qc.wdl",
        readmeUri: "s3://my-bucket/workflows/README.md",
        containerRegistryMapUri: "s3://my-bucket/workflows/registry-map.json",
        workflowBucketOwnerId: "111122223333",
      }),
    );
    const workflow = await omics.send(new GetWorkflowCommand({ id, export: ["DEFINITION", "README"] }));
    // (GetWorkflow models no workflowBucketOwnerId or containerRegistryMapUri to read back.)
    expect(workflow).toMatchObject({ main: "qc.wdl", definition: "s3://my-bucket/workflows/qc.zip", readme: "s3://my-bucket/workflows/README.md" });

    const registry = { imageMappings: [{ sourceImage: "ubuntu:22.04", destinationImage: "123456789012.dkr.ecr.us-east-1.amazonaws.com/ubuntu:22.04" }] };
    const twoMaps = await rejectionOf(omics.send(new CreateWorkflowCommand({ definitionZip: HELLO_ZIP(), containerRegistryMap: registry, containerRegistryMapUri: "s3://my-bucket/map.json" })));
    expect(twoMaps).toBeInstanceOf(ValidationException);
    expect(twoMaps.message).toBe("Give either containerRegistryMap or containerRegistryMapUri, not both.");
    const readmePath = await rejectionOf(omics.send(new CreateWorkflowCommand({ definitionZip: HELLO_ZIP(), readmePath: "README.md" })));
    expect(readmePath.message).toContain("readmePath applies only to a definition from definitionRepository");
    const templatePath = await rejectionOf(omics.send(new CreateWorkflowCommand({ definitionUri: "s3://my-bucket/wf.zip", parameterTemplatePath: "params.json" })));
    expect(templatePath.message).toContain("parameterTemplatePath applies only to a definition from definitionRepository");
    const badReadme = await rejectionOf(omics.send(new CreateWorkflowCommand({ definitionZip: HELLO_ZIP(), readmeUri: "https://example.com/README.md" })));
    expect(badReadme.message).toContain("at 'readmeUri' failed to satisfy constraint");
    const badOwner = await rejectionOf(omics.send(new CreateWorkflowCommand({ definitionUri: "s3://my-bucket/wf.zip", workflowBucketOwnerId: "1234" })));
    expect(badOwner.message).toContain("at 'workflowBucketOwnerId' failed to satisfy constraint");
    expect((await omics.send(new ListWorkflowsCommand({}))).items).toHaveLength(1);
  });

  it("exports the definition archive and README as data: URLs the caller can read", async () => {
    const id = await activeWorkflow({ readmeMarkdown: "# Hello\nRuns hello." });
    const workflow = await omics.send(new GetWorkflowCommand({ id, export: ["DEFINITION", "README"] }));
    const zip = new Uint8Array(await (await fetch(workflow.definition!)).arrayBuffer());
    expect(strFromU8(unzipSync(zip)["main.wdl"]!)).toBe(HELLO_WDL);
    expect(await (await fetch(workflow.readme!)).text()).toBe("# Hello\nRuns hello.");
  });

  it("validates members with ValidationException naming the member", async () => {
    const longName = await rejectionOf(omics.send(new CreateWorkflowCommand({ name: "x".repeat(129), definitionZip: HELLO_ZIP() })));
    expect(longName).toBeInstanceOf(ValidationException);
    expect(longName.message).toContain("at 'name' failed to satisfy constraint: Member must have length less than or equal to 128");
    const engine = await rejectionOf(omics.send(new CreateWorkflowCommand({ engine: "SNAKEMAKE" as never, definitionZip: HELLO_ZIP() })));
    expect(engine.message).toContain("Member must satisfy enum value set: [CWL, NEXTFLOW, WDL, WDL_LENIENT]");
    const storage = await rejectionOf(omics.send(new CreateWorkflowCommand({ storageCapacity: 100001, definitionZip: HELLO_ZIP() })));
    expect(storage.message).toContain("at 'storageCapacity' failed to satisfy constraint: Member must have value less than or equal to 100000");
    const controlChars = await rejectionOf(omics.send(new CreateWorkflowCommand({ description: "line\nbreak", definitionZip: HELLO_ZIP() })));
    expect(controlChars.message).toContain("at 'description' failed to satisfy constraint: Member must satisfy regular expression pattern");
    const manyTags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    const tags = await rejectionOf(omics.send(new CreateWorkflowCommand({ tags: manyTags, definitionZip: HELLO_ZIP() })));
    expect(tags.message).toContain("at most 50 tags");
    const reserved = await rejectionOf(omics.send(new CreateWorkflowCommand({ tags: { "aws:owner": "me" }, definitionZip: HELLO_ZIP() })));
    expect(reserved.message).toContain("reserved for AWS use");
    expect((await omics.send(new ListWorkflowsCommand({}))).items).toEqual([]);
  });

  it("replays a repeated requestId and refuses the same requestId for another request", async () => {
    const first = await omics.send(new CreateWorkflowCommand({ name: "once", definitionZip: HELLO_ZIP(), requestId: "same-token" }));
    const again = await omics.send(new CreateWorkflowCommand({ name: "once", definitionZip: HELLO_ZIP(), requestId: "same-token" }));
    expect(again.id).toBe(first.id);
    expect((await omics.send(new ListWorkflowsCommand({}))).items).toHaveLength(1);

    const other = await rejectionOf(omics.send(new CreateWorkflowCommand({ name: "twice", definitionZip: HELLO_ZIP(), requestId: "same-token" })));
    expect(other).toBeInstanceOf(ConflictException);
    expect(other.$metadata.httpStatusCode).toBe(409);
    expect(other.message).toContain("same-token");

    // Without a requestId the SDK fills in a fresh one: two calls are two workflows.
    await omics.send(new CreateWorkflowCommand({ name: "once", definitionZip: HELLO_ZIP() }));
    expect((await omics.send(new ListWorkflowsCommand({}))).items).toHaveLength(2);
  });

  it("reports missing workflows and Ready2Run ids as ResourceNotFoundException", async () => {
    const missing = await rejectionOf(omics.send(new GetWorkflowCommand({ id: "1234567" })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing.$metadata.httpStatusCode).toBe(404);
    expect(missing.message).toBe("Workflow 1234567 not found.");
    const id = await activeWorkflow();
    const ready2run = await rejectionOf(omics.send(new GetWorkflowCommand({ id, type: "READY2RUN" })));
    expect(ready2run).toBeInstanceOf(ResourceNotFoundException);
    const badId = await rejectionOf(omics.send(new GetWorkflowCommand({ id: "wf-1" })));
    expect(badId).toBeInstanceOf(ValidationException);
    expect(badId.message).toContain("at 'id' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]+");
  });

  it("updates the name, description, storage and README, and only those", async () => {
    const id = await activeWorkflow({ description: "v1" });
    const before = await omics.send(new GetWorkflowCommand({ id }));
    const updated = await omics.send(new UpdateWorkflowCommand({ id, name: "renamed", description: "v2", storageType: "DYNAMIC", readmeMarkdown: "# new" }));
    expect(updated.$metadata.httpStatusCode).toBe(202);
    const after = await omics.send(new GetWorkflowCommand({ id, export: ["README"] }));
    expect(after).toMatchObject({ name: "renamed", description: "v2", storageType: "DYNAMIC", digest: before.digest, parameterTemplate: before.parameterTemplate });
    expect(await (await fetch(after.readme!)).text()).toBe("# new");

    const missing = await rejectionOf(omics.send(new UpdateWorkflowCommand({ id: "7654321", name: "x" })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);

    const hold = aws.lifecycle("Omics.Workflow", { name: "slow" }).staysIn("CREATING");
    const { id: creating } = await omics.send(new CreateWorkflowCommand({ name: "slow", definitionZip: HELLO_ZIP() }));
    const conflict = await rejectionOf(omics.send(new UpdateWorkflowCommand({ id: creating, description: "x" })));
    expect(conflict).toBeInstanceOf(ConflictException);
    expect(conflict.message).toContain("still CREATING");
    hold.release();
  });

  it("deletes a workflow and its tags; a deleted workflow is not found", async () => {
    const id = await activeWorkflow({ tags: { a: "1" } });
    const deleted = await omics.send(new DeleteWorkflowCommand({ id }));
    expect(deleted.$metadata.httpStatusCode).toBe(202);
    expect(await rejectionOf(omics.send(new GetWorkflowCommand({ id })))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(omics.send(new ListTagsForResourceCommand({ resourceArn: arn(`workflow/${id}`) })))).toBeInstanceOf(ResourceNotFoundException);
    expect(await rejectionOf(omics.send(new DeleteWorkflowCommand({ id })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it("lists workflows page by page with the SDK paginator, with name and type filters", async () => {
    for (let i = 0; i < 5; i++) await omics.send(new CreateWorkflowCommand({ name: i % 2 === 0 ? "even" : "odd", definitionZip: HELLO_ZIP() }));
    const pages: number[] = [];
    const names: string[] = [];
    for await (const page of paginateListWorkflows({ client: omics, pageSize: 2 }, {})) {
      pages.push(page.items!.length);
      names.push(...page.items!.map((w) => w.name!));
    }
    expect(pages).toEqual([2, 2, 1]);
    expect(names).toEqual(["even", "odd", "even", "odd", "even"]);

    const evens = await omics.send(new ListWorkflowsCommand({ name: "even" }));
    expect(evens.items).toHaveLength(3);
    expect(evens.items![0]).toMatchObject({ type: "PRIVATE", status: expect.stringMatching(/CREATING|ACTIVE/) });
    expect(evens.items![0]!.digest).toMatch(/^sha256:/);
    expect((await omics.send(new ListWorkflowsCommand({ type: "READY2RUN" }))).items).toEqual([]);

    const bad = await rejectionOf(omics.send(new ListWorkflowsCommand({ startingToken: "not-a-token" })));
    expect(bad).toBeInstanceOf(ValidationException);
    expect(bad.message).toContain("pagination token");
    const size = await rejectionOf(omics.send(new ListWorkflowsCommand({ maxResults: 101 })));
    expect(size.message).toContain("Member must have value less than or equal to 100");
  });

  it("refuses a workflow over the account's workflow quota with ServiceQuotaExceededException", async () => {
    setServiceQuota("workflows", 1);
    await omics.send(new CreateWorkflowCommand({ definitionZip: HELLO_ZIP() }));
    const error = await rejectionOf(omics.send(new CreateWorkflowCommand({ definitionZip: HELLO_ZIP() })));
    expect(error).toBeInstanceOf(ServiceQuotaExceededException);
    expect(error.$metadata.httpStatusCode).toBe(402);
    expect(error.message).toContain('quota "workflows"');
  });

  it("keeps workflows per account and region", async () => {
    const id = await activeWorkflow();
    const elsewhere = new OmicsClient({ region: "eu-west-1" });
    expect(await rejectionOf(elsewhere.send(new GetWorkflowCommand({ id })))).toBeInstanceOf(ResourceNotFoundException);
    const otherAccount = new OmicsClient({ credentials: aws.credentialsFor("210987654321") });
    expect(await rejectionOf(otherAccount.send(new GetWorkflowCommand({ id })))).toBeInstanceOf(ResourceNotFoundException);
  });
});
