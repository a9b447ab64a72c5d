import type {
  CreateRunGroupRequest,
  CreateRunGroupResponse,
  DeleteRunGroupRequest,
  GetRunGroupRequest,
  GetRunGroupResponse,
  ListRunGroupsRequest,
  ListRunGroupsResponse,
  UpdateRunGroupRequest,
} from "@aws-sdk/client-omics";
import type { RequestContext } from "../../engine/context.js";
import { int } from "../../engine/validation/rules.js";
import { op, type NoOutput, type OmicsBackend } from "./backend.js";
import { isInProgress } from "./run-model.js";
import { LIST_TOKEN, NUMERIC_ID, pageSize, printable, REQUEST_ID, TAGS } from "./shapes.js";
import { checkNewTags } from "./tags.js";

/**
 * Run groups cap the compute of the runs added to them: runs queue in PENDING while the group
 * is at maxRuns, tasks queue while it is at maxCpus or maxGpus, and a run fails once it
 * outlives maxDuration (minutes of the virtual clock). A group with runs in progress cannot
 * be deleted.
 */
export interface RunGroupRecord {
  seq: number;
  id: string;
  arn: string;
  name?: string | undefined;
  maxCpus?: number | undefined;
  maxRuns?: number | undefined;
  maxDuration?: number | undefined;
  maxGpus?: number | undefined;
  creationTime: Date;
  /** Runs started in the group (their limits are counted over these). */
  runIds: Set<string>;
}

const NAME = printable(1, 128);
const LIMIT = int({ min: 1, max: 100000 });
const LIMITS = { maxCpus: LIMIT, maxRuns: LIMIT, maxDuration: LIMIT, maxGpus: LIMIT };

export function findRunGroup(ctx: RequestContext<OmicsBackend>, id: string): RunGroupRecord {
  const group = ctx.backend.runGroups.get(id);
  if (!group) throw ctx.error("ResourceNotFoundException", `Run group ${id} not found.`);
  return group;
}

export const createRunGroup = op<CreateRunGroupRequest, CreateRunGroupResponse>({
  input: { name: NAME, ...LIMITS, tags: TAGS, requestId: REQUEST_ID },
  errors: ["ServiceQuotaExceededException"],
  replayable: (ctx, recorded) => ctx.backend.runGroups.has(recorded.id!),
  run(ctx, input) {
    const backend = ctx.backend;
    checkNewTags(ctx, input.tags);
    if (backend.runGroups.size >= backend.quotas.runGroups) {
      throw ctx.error("ServiceQuotaExceededException", `This account already has ${backend.runGroups.size} run groups in ${ctx.region}, the maximum (quota "runGroups").`);
    }
    const id = backend.newId((candidate) => backend.runGroups.has(candidate));
    const arn = backend.arn(`runGroup/${id}`);
    backend.runGroups.set(id, {
      seq: backend.nextSeq(),
      id,
      arn,
      name: input.name,
      maxCpus: input.maxCpus,
      maxRuns: input.maxRuns,
      maxDuration: input.maxDuration,
      maxGpus: input.maxGpus,
      creationTime: ctx.now(),
      runIds: new Set(),
    });
    backend.tags.add(arn, input.tags ?? {});
    return { arn, id, tags: backend.tags.get(arn) };
  },
});

export const getRunGroup = op<GetRunGroupRequest, GetRunGroupResponse>({
  input: { id: NUMERIC_ID },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const group = findRunGroup(ctx, input.id!);
    const { arn, id, name, maxCpus, maxRuns, maxDuration, maxGpus, creationTime } = group;
    return { arn, id, name, maxCpus, maxRuns, maxDuration, maxGpus, creationTime, tags: ctx.backend.tags.get(arn) };
  },
});

export const updateRunGroup = op<UpdateRunGroupRequest, NoOutput>({
  input: { id: NUMERIC_ID, name: NAME, ...LIMITS },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const group = findRunGroup(ctx, input.id!);
    // New limits apply to queued runs and tasks from their next step on.
    if (input.name !== undefined) group.name = input.name;
    if (input.maxCpus !== undefined) group.maxCpus = input.maxCpus;
    if (input.maxRuns !== undefined) group.maxRuns = input.maxRuns;
    if (input.maxDuration !== undefined) group.maxDuration = input.maxDuration;
    if (input.maxGpus !== undefined) group.maxGpus = input.maxGpus;
    return {};
  },
});

export const deleteRunGroup = op<DeleteRunGroupRequest, NoOutput>({
  input: { id: NUMERIC_ID },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const group = findRunGroup(ctx, input.id!);
    const active = [...group.runIds].filter((id) => {
      const run = ctx.backend.runs.get(id);
      return run !== undefined && isInProgress(run.process.state);
    });
    if (active.length > 0) {
      throw ctx.error(
        "ConflictException",
        `Run group ${group.id} has ${active.length} run(s) in progress (${active.slice(0, 5).join(", ")}); it can be deleted once none is PENDING, STARTING, RUNNING or STOPPING.`,
      );
    }
    ctx.backend.runGroups.delete(group.id);
    ctx.backend.tags.drop(group.arn);
    return {};
  },
});

export const listRunGroups = op<ListRunGroupsRequest, ListRunGroupsResponse>({
  input: { name: NAME, startingToken: LIST_TOKEN, maxResults: pageSize(100) },
  errors: [],
  run(ctx, input) {
    const page = ctx.paginate(ctx.backend.runGroups, {
      token: input.startingToken,
      maxResults: input.maxResults,
      defaultSize: 100,
      filter: (g) => input.name === undefined || g.name === input.name,
      query: { name: input.name },
    });
    return {
      items: page.items.map(({ arn, id, name, maxCpus, maxRuns, maxDuration, maxGpus, creationTime }) => ({ arn, id, name, maxCpus, maxRuns, maxDuration, maxGpus, creationTime })),
      nextToken: page.nextToken,
    };
  },
});
