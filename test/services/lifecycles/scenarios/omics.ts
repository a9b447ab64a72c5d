import * as omicsSdk from "@aws-sdk/client-omics";
import { aws } from "aws-doubles/vitest";
import { ACCOUNT, HELLO_PARAMS, HELLO_WDL, omics, OTHER_ACCOUNT, OUTPUT, ROLE as OMICS_ROLE, zipOf } from "../../omics/helpers.js";
import { garbage, GONE, stateOf, type Change, type KindScenario, type Tracked } from "./types.js";

/** HealthOmics' lifecycle kinds: workflows and versions, runs and tasks, batches, configurations, shares. */

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

export const omicsKinds: KindScenario[] = [
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
