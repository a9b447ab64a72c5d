import type { Accelerators, StorageType, WorkflowEngine, WorkflowParameter } from "@aws-sdk/client-omics";
import { partitionOf } from "../../engine/arn.js";
import type { Engine } from "../../engine/engine.js";
import { AwsDoublesUsageError } from "../../engine/errors.js";
import { randomDigits, uuid } from "../../engine/ids.js";
import { LinearProcess } from "../../engine/lifecycle/process.js";
import { OrderedTable } from "../../engine/ordered-table.js";
import { analyseDefinition, definitionDigest, DefinitionError, unzipDefinition, type TaskSpec } from "./definition/index.js";
import type { VersionRecord, WorkflowRecord } from "./workflow-model.js";

/**
 * Ready2Run workflows: AWS's catalogue of workflows (owned by AWS, started with
 * `workflowType: READY2RUN`), which no account can create. Tests seed the entries their code
 * starts with seedReady2RunWorkflow from aws-doubles/omics; GetWorkflow and ListWorkflows with
 * `type: READY2RUN` read the catalogue of the Region, and StartRun runs its workflows like any
 * other (parameters checked against the entry's template, tasks from its definition).
 * The catalogue is test state: aws.reset() empties it.
 */
export interface Ready2RunWorkflowSpec {
  name: string;
  /** The catalogue id (7 digits by default, random). */
  id?: string;
  description?: string;
  /** The parameters the workflow takes; derived from definitionZip when not given. */
  parameterTemplate?: Record<string, WorkflowParameter>;
  /** A definition archive (as for CreateWorkflow): its tasks become the run's tasks. */
  definitionZip?: Uint8Array;
  main?: string;
  engine?: WorkflowEngine;
  storageType?: StorageType;
  storageCapacity?: number;
  accelerators?: Accelerators;
  /** The Region whose catalogue holds it (default: the mock's). */
  region?: string;
}

type Catalogue = Map<string, OrderedTable<WorkflowRecord>>;

const catalogue = (engine: Engine): Catalogue => engine.extension("omics.ready2run", () => new Map<string, OrderedTable<WorkflowRecord>>());

/** The Ready2Run workflows of a Region, in the order they were seeded. */
export function ready2RunWorkflows(engine: Engine, region: string): OrderedTable<WorkflowRecord> {
  const regions = catalogue(engine);
  let table = regions.get(region);
  if (!table) regions.set(region, (table = new OrderedTable<WorkflowRecord>((w) => w.seq)));
  return table;
}

let seedSequence = 0;

/** Adds a workflow to a Region's Ready2Run catalogue (see aws-doubles/omics). */
export function seedReady2Run(engine: Engine, region: string, spec: Ready2RunWorkflowSpec): WorkflowRecord {
  if (!spec || typeof spec.name !== "string" || spec.name === "") throw new AwsDoublesUsageError("seedReady2RunWorkflow needs a name for the workflow.");
  const id = spec.id ?? randomDigits(7);
  if (typeof id !== "string" || !/^[0-9]{1,18}$/.test(id)) throw new AwsDoublesUsageError(`A Ready2Run workflow id is 1 to 18 digits, as text; got ${JSON.stringify(id) ?? String(id)}.`);
  const table = ready2RunWorkflows(engine, region);
  if (table.has(id)) throw new AwsDoublesUsageError(`The Ready2Run catalogue of ${region} already has a workflow ${id}.`);
  let tasks: TaskSpec[] = [{ name: spec.name, cpus: 1, memory: 1, gpus: 0 }];
  let parameterTemplate = spec.parameterTemplate;
  let engineName = spec.engine;
  let main = spec.main;
  let digest: string | undefined;
  if (spec.definitionZip !== undefined) {
    try {
      const analysis = analyseDefinition(unzipDefinition(spec.definitionZip), { main: spec.main, engine: spec.engine });
      if (analysis.problem !== undefined) throw new DefinitionError(analysis.problem);
      tasks = analysis.tasks;
      parameterTemplate ??= analysis.parameterTemplate;
      engineName = analysis.engine;
      main = analysis.main;
      digest = definitionDigest(spec.definitionZip);
    } catch (error) {
      if (error instanceof DefinitionError) throw new AwsDoublesUsageError(`The Ready2Run workflow ${spec.name} has a definition HealthOmics would not accept: ${error.message}`);
      throw error;
    }
  }
  const workflow: WorkflowRecord = {
    seq: ++seedSequence,
    id,
    arn: `arn:${partitionOf(region)}:omics:${region}::workflow/${id}`,
    name: spec.name,
    description: spec.description,
    engine: engineName,
    main,
    digest,
    parameterTemplate,
    templateKnown: parameterTemplate !== undefined,
    tasks,
    storageType: spec.storageType,
    storageCapacity: spec.storageCapacity,
    accelerators: spec.accelerators,
    uuid: uuid(),
    creationTime: engine.clock.now(),
    versions: new OrderedTable<VersionRecord>((v) => v.seq),
    // AWS's catalogue entries are ACTIVE: nothing to wait for.
    process: new LinearProcess({ kind: "Omics.Workflow", path: ["ACTIVE"] }, { id, name: spec.name }),
  };
  table.set(id, workflow);
  return workflow;
}
