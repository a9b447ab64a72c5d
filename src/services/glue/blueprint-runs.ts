import type {
  BlueprintRun as BlueprintRunShape,
  GetBlueprintRunRequest,
  GetBlueprintRunResponse,
  GetBlueprintRunsRequest,
  GetBlueprintRunsResponse,
  StartBlueprintRunRequest,
  StartBlueprintRunResponse,
} from "@aws-sdk/client-glue";
import { ServiceError } from "../../engine/errors.js";
import { uuid } from "../../engine/ids.js";
import { callOperation } from "../../engine/internal-call.js";
import { Process } from "../../engine/lifecycle/process.js";
import { str } from "../../engine/validation/rules.js";
import { op, type GlueRuntime } from "./backend.js";
import { blueprintStatus, findBlueprint, type BlueprintRecord } from "./blueprints.js";
import { blueprintLayouts, completeParameters, type BlueprintLayoutEntities } from "./layouts.js";
import { BLUEPRINT_RUN } from "./lifecycles.js";
import { BLUEPRINT_NAME, ID, NAME, pageSize, VALIDATION_UNMODELLED } from "./shapes.js";

type BlueprintRunState = NonNullable<BlueprintRunShape["State"]>;

/** An entity the run created, and how to take it back. */
interface Created {
  operation: "DeleteWorkflow" | "DeleteJob" | "DeleteCrawler" | "DeleteTrigger";
  input: Record<string, string>;
}

/**
 * A blueprint run: RUNNING while the layout runs and its entities are created, then SUCCEEDED
 * with WorkflowName; or, when the layout throws or an entity cannot be created, ROLLING_BACK
 * (what was created is deleted again) and FAILED, with no workflow left behind ("If a blueprint
 * run has an error, there will not be a workflow created").
 */
export class BlueprintRun extends Process {
  readonly sequence: number;
  readonly RunId: string;
  readonly StartedOn: Date;
  CompletedOn: Date | undefined;
  WorkflowName: string | undefined;
  ErrorMessage: string | undefined;
  RollbackErrorMessage: string | undefined;
  private status: BlueprintRunState = "RUNNING";

  constructor(
    private readonly runtime: GlueRuntime,
    readonly blueprintName: string,
    private readonly parameters: Record<string, unknown>,
    readonly Parameters: string | undefined,
    readonly RoleArn: string,
  ) {
    super(BLUEPRINT_RUN, { BlueprintName: blueprintName, RunId: uuid() });
    this.RunId = this.attributes["RunId"] as string;
    this.sequence = runtime.backend.nextSequence();
    this.StartedOn = runtime.now();
  }

  get state(): BlueprintRunState {
    return this.status;
  }

  protected step(): boolean {
    if (this.status === "ROLLING_BACK") {
      this.end("FAILED");
      return true;
    }
    const forced = this.activeEffect("end");
    if (forced) {
      this.status = "ROLLING_BACK";
      this.ErrorMessage = forced.message ?? `Blueprint run ${this.RunId} failed.`;
      return true;
    }
    const failure = this.createEntities();
    if (failure === undefined) this.end("SUCCEEDED");
    else {
      this.status = "ROLLING_BACK";
      this.ErrorMessage = failure;
    }
    return true;
  }

  private end(state: "SUCCEEDED" | "FAILED"): void {
    this.status = state;
    this.CompletedOn = this.runtime.now();
    this.finish();
  }

  /** The layout's entities, or the empty workflow a run without a registered layout creates; or why the layout failed. */
  private plan(): BlueprintLayoutEntities | string {
    const runtime = this.runtime;
    const where = { accountId: runtime.accountId, region: runtime.region, blueprintName: this.blueprintName, runId: this.RunId, roleArn: this.RoleArn };
    const outcome = blueprintLayouts.resolve(runtime.engine, [this.blueprintName], this.parameters, where);
    if (outcome.kind === "failed") return outcome.threw ? `The layout of blueprint ${this.blueprintName} threw: ${outcome.message}` : outcome.message;
    if (outcome.kind === "answer") return outcome.answer;
    const named = this.parameters["WorkflowName"];
    return { Workflow: { Name: typeof named === "string" && named !== "" ? named : `${this.blueprintName}-${this.RunId.slice(0, 8)}` } };
  }

  /** Creates the planned entities through the operations a caller would use; undefined on success, else the error. */
  private createEntities(): string | undefined {
    const runtime = this.runtime;
    const call = (operation: string, input: object): void => {
      callOperation(runtime.engine, runtime.service, operation, input as Record<string, unknown>, runtime);
    };
    const created: Created[] = [];
    try {
      const plan = this.plan();
      if (typeof plan === "string") return plan;
      const workflowName = plan?.Workflow?.Name;
      if (typeof workflowName !== "string") return `The layout of blueprint ${this.blueprintName} returned no Workflow.Name.`;
      const notList = (["Jobs", "Crawlers", "Triggers"] as const).find((key) => plan[key] !== undefined && !Array.isArray(plan[key]));
      if (notList) return `The layout of blueprint ${this.blueprintName} returned ${notList} that is not a list.`;
      call("CreateWorkflow", plan.Workflow);
      created.push({ operation: "DeleteWorkflow", input: { Name: workflowName } });
      const workflow = runtime.backend.workflows.get(workflowName);
      if (workflow) workflow.BlueprintDetails = { BlueprintName: this.blueprintName, RunId: this.RunId };
      for (const job of plan.Jobs ?? []) {
        call("CreateJob", job);
        created.push({ operation: "DeleteJob", input: { JobName: job.Name! } });
      }
      for (const crawler of plan.Crawlers ?? []) {
        call("CreateCrawler", crawler);
        created.push({ operation: "DeleteCrawler", input: { Name: crawler.Name! } });
      }
      for (const trigger of plan.Triggers ?? []) {
        call("CreateTrigger", { ...trigger, WorkflowName: workflowName });
        created.push({ operation: "DeleteTrigger", input: { Name: trigger.Name! } });
      }
      this.WorkflowName = workflowName;
      return undefined;
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      this.rollBack(created);
      return `${error.code}: ${error.message}`;
    }
  }

  private rollBack(created: readonly Created[]): void {
    const problems: string[] = [];
    for (const entity of [...created].reverse()) {
      try {
        callOperation(this.runtime.engine, this.runtime.service, entity.operation, entity.input, this.runtime);
      } catch (error) {
        problems.push(`${entity.operation} ${Object.values(entity.input).join("")}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (problems.length > 0) this.RollbackErrorMessage = problems.join("; ");
  }

  render(): BlueprintRunShape {
    return {
      BlueprintName: this.blueprintName,
      RunId: this.RunId,
      WorkflowName: this.WorkflowName,
      State: this.status,
      StartedOn: this.StartedOn,
      CompletedOn: this.CompletedOn,
      ErrorMessage: this.ErrorMessage,
      RollbackErrorMessage: this.RollbackErrorMessage,
      Parameters: this.Parameters,
      RoleArn: this.RoleArn,
    };
  }
}


function findBlueprintRun(ctx: Parameters<typeof findBlueprint>[0], blueprint: BlueprintRecord, runId: string): BlueprintRun {
  const run = blueprint.runs.get(runId);
  if (!run) throw ctx.error("EntityNotFoundException", `Blueprint run ${runId} of blueprint ${blueprint.Name} not found.`);
  return run;
}

export const startBlueprintRun = op<StartBlueprintRunRequest, StartBlueprintRunResponse>({
  input: {
    BlueprintName: BLUEPRINT_NAME,
    Parameters: str({ min: 1, max: 131072 }),
    RoleArn: str({ min: 1, max: 1024, pattern: "^arn:aws[^:]*:iam::[0-9]*:role/.+$" }),
  },
  errors: ["EntityNotFoundException", "IllegalBlueprintStateException"],
  run(ctx, input) {
    const blueprint = findBlueprint(ctx, input.BlueprintName!);
    const status = blueprintStatus(blueprint);
    if (status !== "ACTIVE") throw ctx.error("IllegalBlueprintStateException", `Blueprint ${blueprint.Name} is ${status}; only an ACTIVE blueprint can be run.`);
    let given: unknown = {};
    if (input.Parameters !== undefined) {
      try {
        given = JSON.parse(input.Parameters);
      } catch {
        throw ctx.invalid("Parameters must be a JSON object of blueprint parameters.");
      }
    }
    if (!given || typeof given !== "object" || Array.isArray(given)) throw ctx.invalid("Parameters must be a JSON object of blueprint parameters.");
    const parameters = completeParameters(blueprintLayouts.extraFor(ctx.engine, [blueprint.Name])?.parameterSpec, given as Record<string, unknown>);
    if (typeof parameters === "string") throw ctx.invalid(parameters);
    const run = new BlueprintRun(ctx.backend.runtime(ctx), blueprint.Name, parameters, input.Parameters, input.RoleArn!);
    blueprint.runs.set(run.RunId, run);
    ctx.track(run);
    return { RunId: run.RunId };
  },
});

export const getBlueprintRun = op<GetBlueprintRunRequest, GetBlueprintRunResponse>({
  input: { BlueprintName: BLUEPRINT_NAME, RunId: ID },
  errors: ["EntityNotFoundException"],
  unmodelledErrors: VALIDATION_UNMODELLED,
  run(ctx, input) {
    const run = findBlueprintRun(ctx, findBlueprint(ctx, input.BlueprintName!), input.RunId!);
    ctx.observe(run);
    return { BlueprintRun: run.render() };
  },
});

export const getBlueprintRuns = op<GetBlueprintRunsRequest, GetBlueprintRunsResponse>({
  input: { BlueprintName: NAME, MaxResults: pageSize(1000) },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const blueprint = findBlueprint(ctx, input.BlueprintName!);
    const page = ctx.paginate(blueprint.runs, { token: input.NextToken, maxResults: input.MaxResults, defaultSize: 100, query: input.BlueprintName });
    for (const run of page.items) ctx.observe(run);
    return { BlueprintRuns: page.items.map((run) => run.render()), NextToken: page.nextToken };
  },
});
