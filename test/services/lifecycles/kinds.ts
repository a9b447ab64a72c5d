import * as glueSdk from "@aws-sdk/client-glue";
import * as ibSdk from "@aws-sdk/client-imagebuilder";
import * as omicsSdk from "@aws-sdk/client-omics";
import * as protonSdk from "@aws-sdk/client-proton";
import { aws } from "aws-doubles/vitest";
import { createCrawler, createJob, glue, ROLE as GLUE_ROLE } from "../glue/helpers.js";
import { createContainerRecipe, createInfrastructure, createWorkflow, ib, startImage } from "../imagebuilder/fixtures.js";
import { ACCOUNT, HELLO_PARAMS, HELLO_WDL, omics, OTHER_ACCOUNT, OUTPUT, ROLE as OMICS_ROLE, zipOf } from "../omics/helpers.js";
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
} from "../proton/helpers.js";

/**
 * One scenario per lifecycle kind of every service: the call that starts a resource of that
 * kind, the observing read a program polls it with, a read the service rejects, and the calls
 * that change it while it runs. The lifecycle tests drive every kind through these, so a rule
 * about reads is pinned for all kinds at once (and a kind without a scenario fails them).
 *
 * The scenarios only use calls that do not observe the resource between the call under test
 * and its reads: an id needed later is taken from the starting call's response.
 */

/** What a read shows once the resource is gone (a completed deletion). */
export const GONE = "(gone)";

/** A resource in progress, as a program polls it. */
export interface Tracked {
  /** An observing read (one request): the state it shows. */
  read(): Promise<string>;
  /**
   * An observing read the service rejects (a bad page token, an invalid member). Where the
   * service has one, a read that observes the resource before it rejects the request.
   */
  rejectedRead(): Promise<unknown>;
}

/** A call that changes a running resource, and what the reads after it show. */
export interface Change {
  call: string;
  /** The resource the call changes. */
  tracked: Tracked;
  /** What the reads made before the call show (they bring it to the state the call acts on). */
  before: readonly string[];
  act(): Promise<void>;
  /** What the first read after the call shows: the state the call left. */
  leaves: string;
  /** What the read after that shows: the first read moved it on. */
  next: string;
}

export interface Started {
  tracked: Tracked;
  /** Changes, each acting on a resource of its own (a test runs one per fresh start). */
  changes?: ReadonlyArray<() => Promise<Change>>;
}

export interface KindScenario {
  kind: string;
  /**
   * What successive reads show on the success path: the first is the state the starting call
   * left, the last the end. Of a composite run, the whole; its parts move on each read too.
   */
  path: readonly string[];
  /** The observing read the path is read with. */
  readWith: string;
  /** A run made of parts (see docs/lifecycles.md): reads grow with the depth of its graph. */
  composite?: boolean;
  /** The calls that change it, in the order start() returns them. */
  changes?: readonly string[];
  /** Creates what the kind needs (in poll mode; everything is settled before start()). */
  prepare(): Promise<void>;
  /**
   * The call that starts it. `mode` is the transitions mode in force: a kind another process
   * starts (a run's tasks) moves that process on as the mode does (reads, or aws.step()).
   */
  start(mode: "poll" | "manual"): Promise<Started>;
}

/** A well-formed page token no list ever issued. */
const garbage = "bm90LWEtdG9rZW4";

async function stateOf<T>(read: () => Promise<T>, pick: (value: T) => string | undefined): Promise<string> {
  try {
    return pick(await read()) ?? "(none)";
  } catch (error) {
    if ((error as Error).name === "ResourceNotFoundException") return GONE;
    throw error;
  }
}

// ── Glue ────────────────────────────────────────────────────────────────────────────────

const jobRunOf = (JobName: string, RunId: string): Tracked => ({
  read: () => stateOf(() => glue.send(new glueSdk.GetJobRunCommand({ JobName, RunId })), (r) => r.JobRun?.JobRunState),
  rejectedRead: () => glue.send(new glueSdk.GetJobRunsCommand({ JobName, NextToken: garbage })),
});

const crawlerOf = (Name: string): Tracked => ({
  read: () => stateOf(() => glue.send(new glueSdk.GetCrawlerCommand({ Name })), (r) => r.Crawler?.State),
  // ListCrawls observes the crawler's crawl before it checks the token: the rejection comes after.
  rejectedRead: () => glue.send(new glueSdk.ListCrawlsCommand({ CrawlerName: Name, NextToken: garbage })),
});

const workflowRunOf = (Name: string, RunId: string): Tracked => ({
  read: () => stateOf(() => glue.send(new glueSdk.GetWorkflowRunCommand({ Name, RunId })), (r) => r.Run?.Status),
  rejectedRead: () => glue.send(new glueSdk.GetWorkflowRunsCommand({ Name, NextToken: garbage })),
});

const blueprintOf = (Name: string): Tracked => ({
  read: () => stateOf(() => glue.send(new glueSdk.GetBlueprintCommand({ Name })), (r) => r.Blueprint?.Status),
  rejectedRead: () => glue.send(new glueSdk.BatchGetBlueprintsCommand({ Names: [Name, "has space"] })),
});

/**
 * A workflow whose runs start `depth` levels of jobs one after another, `width` jobs side by
 * side in each level; a level starts when every job of the level before it has succeeded.
 */
export async function chainWorkflow(name: string, depth: number, width = 1): Promise<void> {
  await glue.send(new glueSdk.CreateWorkflowCommand({ Name: name }));
  const jobsOf = (level: number) => Array.from({ length: width }, (_, i) => `${name}-job-${level}-${i + 1}`);
  for (let level = 1; level <= depth; level++) {
    for (const job of jobsOf(level)) await createJob(job);
    const Actions = jobsOf(level).map((JobName) => ({ JobName }));
    if (level === 1) {
      await glue.send(new glueSdk.CreateTriggerCommand({ Name: `${name}-start`, WorkflowName: name, Type: "ON_DEMAND", Actions }));
      continue;
    }
    const Conditions = jobsOf(level - 1).map((JobName) => ({ LogicalOperator: "EQUALS" as const, JobName, State: "SUCCEEDED" as const }));
    await glue.send(
      new glueSdk.CreateTriggerCommand({ Name: `${name}-after-${level - 1}`, WorkflowName: name, Type: "CONDITIONAL", StartOnCreation: true, Predicate: { Logical: "AND", Conditions }, Actions }),
    );
  }
}

export async function startWorkflowRun(name: string): Promise<{ tracked: Tracked; runId: string }> {
  const { RunId } = await glue.send(new glueSdk.StartWorkflowRunCommand({ Name: name }));
  return { tracked: workflowRunOf(name, RunId!), runId: RunId! };
}

const glueKinds: KindScenario[] = [
  {
    kind: "Glue.JobRun",
    path: ["STARTING", "RUNNING", "SUCCEEDED"],
    changes: ["BatchStopJobRun"],
    readWith: "GetJobRun",
    prepare: async () => void (await createJob("etl", { ExecutionProperty: { MaxConcurrentRuns: 5 } })),
    async start() {
      const startRun = async () => (await glue.send(new glueSdk.StartJobRunCommand({ JobName: "etl" }))).JobRunId!;
      const stop = async (): Promise<Change> => {
        const runId = await startRun();
        return {
          call: "BatchStopJobRun",
          tracked: jobRunOf("etl", runId),
          before: ["STARTING"],
          act: async () => void (await glue.send(new glueSdk.BatchStopJobRunCommand({ JobName: "etl", JobRunIds: [runId] }))),
          leaves: "STOPPING",
          next: "STOPPED",
        };
      };
      return { tracked: jobRunOf("etl", await startRun()), changes: [stop] };
    },
  },
  {
    kind: "Glue.Crawl",
    path: ["RUNNING", "STOPPING", "READY"],
    changes: ["StopCrawler"],
    readWith: "GetCrawler (the crawler's State)",
    prepare: async () => void (await createCrawler("raw")),
    async start() {
      await glue.send(new glueSdk.StartCrawlerCommand({ Name: "raw" }));
      const stop = async (): Promise<Change> => {
        await createCrawler("stoppable");
        await glue.send(new glueSdk.StartCrawlerCommand({ Name: "stoppable" }));
        return {
          call: "StopCrawler",
          tracked: crawlerOf("stoppable"),
          before: [],
          act: async () => void (await glue.send(new glueSdk.StopCrawlerCommand({ Name: "stoppable" }))),
          leaves: "STOPPING",
          next: "READY",
        };
      };
      return { tracked: crawlerOf("raw"), changes: [stop] };
    },
  },
  {
    kind: "Glue.WorkflowRun",
    // RUNNING with its job STARTING, then RUNNING; the read that finds it done completes the run.
    path: ["RUNNING", "RUNNING", "COMPLETED"],
    changes: ["StopWorkflowRun"],
    readWith: "GetWorkflowRun",
    composite: true,
    prepare: () => chainWorkflow("wf", 1),
    async start() {
      const { tracked } = await startWorkflowRun("wf");
      const stop = async (): Promise<Change> => {
        const run = await startWorkflowRun("wf");
        return {
          call: "StopWorkflowRun",
          tracked: run.tracked,
          before: [],
          act: async () => void (await glue.send(new glueSdk.StopWorkflowRunCommand({ Name: "wf", RunId: run.runId }))),
          leaves: "STOPPING",
          next: "STOPPED",
        };
      };
      return { tracked, changes: [stop] };
    },
  },
  {
    kind: "Glue.Blueprint",
    path: ["CREATING", "ACTIVE"],
    changes: ["UpdateBlueprint"],
    readWith: "GetBlueprint",
    prepare: async () => undefined,
    async start() {
      await glue.send(new glueSdk.CreateBlueprintCommand({ Name: "etl", BlueprintLocation: "s3://blueprints/etl/etl.zip" }));
      const update = async (): Promise<Change> => ({
        call: "UpdateBlueprint",
        tracked: blueprintOf("etl"),
        before: ["CREATING", "ACTIVE"],
        act: async () => void (await glue.send(new glueSdk.UpdateBlueprintCommand({ Name: "etl", BlueprintLocation: "s3://blueprints/etl/v2.zip" }))),
        leaves: "UPDATING",
        next: "ACTIVE",
      });
      return { tracked: blueprintOf("etl"), changes: [update] };
    },
  },
  {
    kind: "Glue.BlueprintRun",
    path: ["RUNNING", "SUCCEEDED"],
    readWith: "GetBlueprintRun",
    prepare: async () => void (await glue.send(new glueSdk.CreateBlueprintCommand({ Name: "etl", BlueprintLocation: "s3://blueprints/etl/etl.zip" }))),
    async start() {
      const { RunId } = await glue.send(new glueSdk.StartBlueprintRunCommand({ BlueprintName: "etl", RoleArn: GLUE_ROLE }));
      const tracked: Tracked = {
        read: () => stateOf(() => glue.send(new glueSdk.GetBlueprintRunCommand({ BlueprintName: "etl", RunId })), (r) => r.BlueprintRun?.State),
        rejectedRead: () => glue.send(new glueSdk.GetBlueprintRunsCommand({ BlueprintName: "etl", NextToken: garbage })),
      };
      return { tracked };
    },
  },
];

// ── Image Builder ───────────────────────────────────────────────────────────────────────

export const imageOf = (imageBuildVersionArn: string): Tracked => ({
  read: () => stateOf(() => ib.send(new ibSdk.GetImageCommand({ imageBuildVersionArn })), (r) => r.image?.state?.status),
  // ListWorkflowExecutions observes the build before it checks the token: the rejection comes after.
  rejectedRead: () => ib.send(new ibSdk.ListWorkflowExecutionsCommand({ imageBuildVersionArn, nextToken: garbage })),
});

/** A build workflow of `steps` steps, each of which runs (none is skipped). */
export function buildWorkflowOf(steps: number): string {
  const lines = ["name: steps", "schemaVersion: 1.0", "steps:"];
  for (let i = 1; i <= steps; i++) lines.push(`  - name: Step${i}`, "    action: ExecuteComponents", "    onFailure: Abort");
  return `${lines.join("\n")}\n`;
}

/**
 * An AMI build with the managed workflows: build-image runs six steps on Linux (RunSysPrep is
 * skipped), test-image three; each step takes one read, the phase change rides on the last.
 */
const AMI_PATH = ["PENDING", "CREATING", ...Array<string>(6).fill("BUILDING"), ...Array<string>(3).fill("TESTING"), "DISTRIBUTING", "INTEGRATING", "AVAILABLE"];

let agingImage = "";

const imagebuilderKinds: KindScenario[] = [
  {
    kind: "ImageBuilder.Image",
    path: AMI_PATH,
    changes: ["CancelImageCreation"],
    readWith: "GetImage",
    composite: true,
    prepare: async () => undefined,
    async start() {
      const tracked = imageOf(await startImage({ recipeName: "golden" }));
      const cancel = async (): Promise<Change> => {
        const arn = await startImage({ recipeName: "cancelled" });
        return {
          call: "CancelImageCreation",
          tracked: imageOf(arn),
          before: ["PENDING", "CREATING"],
          act: async () => void (await ib.send(new ibSdk.CancelImageCreationCommand({ imageBuildVersionArn: arn }))),
          // Cancelled at once: nothing is left to move.
          leaves: "CANCELLED",
          next: "CANCELLED",
        };
      };
      return { tracked, changes: [cancel] };
    },
  },
  {
    kind: "ImageBuilder.LifecycleExecution",
    path: ["PENDING", "IN_PROGRESS", "SUCCESS"],
    changes: ["CancelLifecycleExecution"],
    readWith: "GetLifecycleExecution",
    async prepare() {
      agingImage = await startImage({ recipeName: "aging" });
    },
    async start() {
      const resourceArn = agingImage;
      const execution = async (status: "DEPRECATED" | "DISABLED") => {
        const { lifecycleExecutionId } = await ib.send(new ibSdk.StartResourceStateUpdateCommand({ resourceArn, state: { status } }));
        const tracked: Tracked = {
          read: () => stateOf(() => ib.send(new ibSdk.GetLifecycleExecutionCommand({ lifecycleExecutionId })), (r) => r.lifecycleExecution?.state?.status),
          // ListLifecycleExecutions observes the executions before it checks the token.
          rejectedRead: () => ib.send(new ibSdk.ListLifecycleExecutionsCommand({ resourceArn, nextToken: garbage })),
        };
        return { id: lifecycleExecutionId!, tracked };
      };
      const first = await execution("DEPRECATED");
      const cancel = async (): Promise<Change> => {
        aws.settle();
        const second = await execution("DISABLED");
        return {
          call: "CancelLifecycleExecution",
          tracked: second.tracked,
          before: ["PENDING"],
          act: async () => void (await ib.send(new ibSdk.CancelLifecycleExecutionCommand({ lifecycleExecutionId: second.id }))),
          leaves: "CANCELLING",
          next: "CANCELLED",
        };
      };
      return { tracked: first.tracked, changes: [cancel] };
    },
  },
];

// ── HealthOmics ─────────────────────────────────────────────────────────────────────────

let omicsWorkflowId = "";

async function createOmicsWorkflow(): Promise<string> {
  omicsWorkflowId = (await omics.send(new omicsSdk.CreateWorkflowCommand({ name: "hello", definitionZip: zipOf({ "main.wdl": HELLO_WDL }) }))).id!;
  return omicsWorkflowId;
}

const omicsRunOf = (id: string): Tracked => ({
  read: () => stateOf(() => omics.send(new omicsSdk.GetRunCommand({ id })), (r) => r.status),
  rejectedRead: () => omics.send(new omicsSdk.ListRunsCommand({ startingToken: garbage })),
});

async function startOmicsRun(): Promise<string> {
  return (await omics.send(new omicsSdk.StartRunCommand({ workflowId: omicsWorkflowId, roleArn: OMICS_ROLE, outputUri: OUTPUT, parameters: HELLO_PARAMS }))).id!;
}

const VPC = { vpcConfig: { securityGroupIds: ["sg-0123abcd"], subnetIds: ["subnet-0123abcd"] } };

const configurationOf = (name: string): Tracked => ({
  read: () => stateOf(() => omics.send(new omicsSdk.GetConfigurationCommand({ name })), (r) => r.status),
  rejectedRead: () => omics.send(new omicsSdk.ListConfigurationsCommand({ startingToken: garbage })),
});

const batchOf = (batchId: string): Tracked => ({
  read: () => stateOf(() => omics.send(new omicsSdk.GetBatchCommand({ batchId })), (r) => r.status),
  rejectedRead: () => omics.send(new omicsSdk.ListBatchCommand({ startingToken: garbage })),
});

let offeredShare = "";

const omicsKinds: KindScenario[] = [
  {
    kind: "Omics.Workflow",
    path: ["CREATING", "ACTIVE"],
    readWith: "GetWorkflow",
    prepare: async () => undefined,
    async start() {
      const id = await createOmicsWorkflow();
      const tracked: Tracked = {
        read: () => stateOf(() => omics.send(new omicsSdk.GetWorkflowCommand({ id })), (r) => r.status),
        rejectedRead: () => omics.send(new omicsSdk.ListWorkflowsCommand({ startingToken: garbage })),
      };
      return { tracked };
    },
  },
  {
    kind: "Omics.WorkflowVersion",
    path: ["CREATING", "ACTIVE"],
    readWith: "GetWorkflowVersion",
    prepare: async () => void (await createOmicsWorkflow()),
    async start() {
      const workflowId = omicsWorkflowId;
      await omics.send(new omicsSdk.CreateWorkflowVersionCommand({ workflowId, versionName: "v2", definitionZip: zipOf({ "main.wdl": HELLO_WDL }) }));
      const tracked: Tracked = {
        read: () => stateOf(() => omics.send(new omicsSdk.GetWorkflowVersionCommand({ workflowId, versionName: "v2" })), (r) => r.status),
        rejectedRead: () => omics.send(new omicsSdk.ListWorkflowVersionsCommand({ workflowId, startingToken: garbage })),
      };
      return { tracked };
    },
  },
  {
    kind: "Omics.Run",
    // RUNNING while its tasks (in parallel) go PENDING → STARTING → RUNNING → STOPPING → COMPLETED.
    path: ["PENDING", "STARTING", "RUNNING", "RUNNING", "RUNNING", "RUNNING", "STOPPING", "COMPLETED"],
    changes: ["CancelRun"],
    readWith: "GetRun",
    composite: true,
    prepare: async () => void (await createOmicsWorkflow()),
    async start() {
      const cancel = async (): Promise<Change> => {
        const id = await startOmicsRun();
        return {
          call: "CancelRun",
          tracked: omicsRunOf(id),
          before: ["PENDING", "STARTING", "RUNNING"],
          act: async () => void (await omics.send(new omicsSdk.CancelRunCommand({ id }))),
          leaves: "STOPPING",
          next: "CANCELLED",
        };
      };
      return { tracked: omicsRunOf(await startOmicsRun()), changes: [cancel] };
    },
  },
  {
    kind: "Omics.Task",
    path: ["PENDING", "STARTING", "RUNNING", "STOPPING", "COMPLETED"],
    readWith: "ListRunTasks, then GetRunTask",
    prepare: async () => void (await createOmicsWorkflow()),
    async start(mode) {
      // The run creates its tasks as it enters RUNNING: two moves after StartRun.
      const id = await startOmicsRun();
      for (let move = 0; move < 2; move++) {
        if (mode === "poll") await omics.send(new omicsSdk.GetRunCommand({ id }));
        else aws.step();
      }
      // The task's id comes from a list of the run's tasks: that list is the first read.
      let taskId: string | undefined;
      const tracked: Tracked = {
        async read() {
          if (taskId === undefined) {
            const first = (await omics.send(new omicsSdk.ListRunTasksCommand({ id }))).items![0]!;
            taskId = first.taskId!;
            return first.status!;
          }
          const known = taskId;
          return stateOf(() => omics.send(new omicsSdk.GetRunTaskCommand({ id, taskId: known })), (r) => r.status);
        },
        rejectedRead: () => omics.send(new omicsSdk.ListRunTasksCommand({ id, startingToken: garbage })),
      };
      return { tracked };
    },
  },
  {
    kind: "Omics.Batch",
    // INPROGRESS while its runs go from PENDING to COMPLETED (GetBatch moves them too).
    path: ["CREATING", "PENDING", "SUBMITTING", ...Array<string>(6).fill("INPROGRESS"), "PROCESSED"],
    changes: ["CancelRunBatch", "DeleteRunBatch"],
    readWith: "GetBatch",
    composite: true,
    prepare: async () => void (await createOmicsWorkflow()),
    async start() {
      const startBatch = async () => {
        const defaultRunSetting = { workflowId: omicsWorkflowId, roleArn: OMICS_ROLE, outputUri: OUTPUT, parameters: HELLO_PARAMS };
        const { id } = await omics.send(new omicsSdk.StartRunBatchCommand({ defaultRunSetting, batchRunSettings: { inlineSettings: [{ runSettingId: "a" }, { runSettingId: "b" }] } }));
        return id!;
      };
      const first = await startBatch();
      const cancel = async (): Promise<Change> => {
        const batchId = await startBatch();
        return {
          call: "CancelRunBatch",
          tracked: batchOf(batchId),
          before: ["CREATING", "PENDING", "SUBMITTING"],
          act: async () => void (await omics.send(new omicsSdk.CancelRunBatchCommand({ batchId }))),
          leaves: "STOPPING",
          next: "CANCELLED",
        };
      };
      const deleteRuns = async (): Promise<Change> => {
        aws.settle();
        return {
          call: "DeleteRunBatch",
          tracked: batchOf(first),
          before: ["PROCESSED"],
          act: async () => void (await omics.send(new omicsSdk.DeleteRunBatchCommand({ batchId: first }))),
          leaves: "RUNS_DELETING",
          next: "RUNS_DELETED",
        };
      };
      return { tracked: batchOf(first), changes: [cancel, deleteRuns] };
    },
  },
  {
    kind: "Omics.Configuration",
    path: ["CREATING", "ACTIVE"],
    changes: ["DeleteConfiguration"],
    readWith: "GetConfiguration",
    prepare: async () => undefined,
    async start() {
      await omics.send(new omicsSdk.CreateConfigurationCommand({ name: "vpc-runs", runConfigurations: VPC }));
      const remove = async (): Promise<Change> => ({
        call: "DeleteConfiguration",
        tracked: configurationOf("vpc-runs"),
        before: ["CREATING", "ACTIVE"],
        act: async () => void (await omics.send(new omicsSdk.DeleteConfigurationCommand({ name: "vpc-runs" }))),
        leaves: "DELETING",
        next: GONE,
      });
      return { tracked: configurationOf("vpc-runs"), changes: [remove] };
    },
  },
  {
    kind: "Omics.Share",
    path: ["ACTIVATING", "ACTIVE"],
    changes: ["DeleteShare"],
    readWith: "GetShare",
    async prepare() {
      const workflowId = await createOmicsWorkflow();
      const resourceArn = `arn:aws:omics:us-east-1:${ACCOUNT}:workflow/${workflowId}`;
      offeredShare = (await omics.send(new omicsSdk.CreateShareCommand({ resourceArn, principalSubscriber: OTHER_ACCOUNT, shareName: "offer" }))).shareId!;
    },
    async start() {
      const shareId = offeredShare;
      const subscriber = new omicsSdk.OmicsClient({ credentials: aws.credentialsFor(OTHER_ACCOUNT) });
      await subscriber.send(new omicsSdk.AcceptShareCommand({ shareId }));
      const tracked: Tracked = {
        read: () => stateOf(() => omics.send(new omicsSdk.GetShareCommand({ shareId })), (r) => r.share?.status),
        rejectedRead: () => omics.send(new omicsSdk.ListSharesCommand({ resourceOwner: "SELF", nextToken: garbage })),
      };
      const remove = async (): Promise<Change> => ({
        call: "DeleteShare",
        tracked,
        before: ["ACTIVATING", "ACTIVE"],
        act: async () => void (await omics.send(new omicsSdk.DeleteShareCommand({ shareId }))),
        leaves: "DELETING",
        next: "DELETED",
      });
      return { tracked, changes: [remove] };
    },
  },
];

// ── Proton ──────────────────────────────────────────────────────────────────────────────

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

const protonKinds: KindScenario[] = [
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

export const KINDS: readonly KindScenario[] = [...glueKinds, ...imagebuilderKinds, ...omicsKinds, ...protonKinds];

// ── Composite runs of other shapes (reads per depth) ────────────────────────────────────

/** A container image build (managed build-container and test-container workflows). */
export async function startContainerImage(): Promise<Tracked> {
  const recipe = await createContainerRecipe("box");
  const infra = await createInfrastructure("box-infra");
  const { imageBuildVersionArn } = await ib.send(new ibSdk.CreateImageCommand({ containerRecipeArn: recipe, infrastructureConfigurationArn: infra }));
  return imageOf(imageBuildVersionArn!);
}

/** An AMI build with the managed workflows, tests on or off. */
export async function startAmi(tests: boolean): Promise<Tracked> {
  return imageOf(await startImage({ recipeName: tests ? "tested" : "untested", tests }));
}

/** An AMI build whose only workflow is a build workflow of `steps` steps (no tests, no distribution workflows). */
export async function startImageWithBuildSteps(steps: number): Promise<Tracked> {
  const workflow = await createWorkflow(`steps-${steps}`, "BUILD", buildWorkflowOf(steps));
  return imageOf(await startImage({ recipeName: `depth-${steps}`, tests: false, workflows: [{ workflowArn: workflow }] }));
}
