import type { SourceControlDetails, UpdateJobFromSourceControlRequest, UpdateJobFromSourceControlResponse, UpdateSourceControlFromJobRequest, UpdateSourceControlFromJobResponse } from "@aws-sdk/client-glue";
import { createHash } from "node:crypto";
import { canonicalJson } from "../../../engine/canonical.js";
import type { RequestContext } from "../../../engine/context.js";
import { oneOf, str } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { findJob, type JobRecord } from "../jobs.js";
import { NAME } from "../shapes.js";

/**
 * Git integration of jobs. Both operations name a repository (Provider, RepositoryName,
 * RepositoryOwner, BranchName, Folder, AuthStrategy, AuthToken; members left out are taken
 * from the job's SourceControlDetails) and record it on the job's SourceControlDetails with
 * the commit involved as LastCommitId:
 * - UpdateSourceControlFromJob pushes the job: a new commit, whose id is derived from the job
 *   definition (the same definition pushed again gives the same id).
 * - UpdateJobFromSourceControl pulls the job from the commit given (CommitId), or the branch's
 *   latest; the fake cannot read the repository, so the job's other members are kept.
 */

type Input = UpdateJobFromSourceControlRequest & UpdateSourceControlFromJobRequest;
type Ctx = RequestContext<GlueBackend>;

const INPUT = {
  JobName: NAME,
  Provider: oneOf("SourceControlProvider"),
  RepositoryName: NAME,
  RepositoryOwner: NAME,
  BranchName: NAME,
  Folder: NAME,
  CommitId: str({ min: 1, max: 40 }),
  AuthStrategy: oneOf("SourceControlAuthStrategy"),
  AuthToken: str({ min: 1, max: 255 }),
};

/** The repository details after this call, or the reason they are incomplete. */
function detailsFor(ctx: Ctx, job: JobRecord, input: Input): SourceControlDetails {
  const known = job.definition.SourceControlDetails ?? {};
  const details: SourceControlDetails = {
    Provider: input.Provider ?? known.Provider,
    Repository: input.RepositoryName ?? known.Repository,
    Owner: input.RepositoryOwner ?? known.Owner,
    Branch: input.BranchName ?? known.Branch ?? "main",
    Folder: input.Folder ?? known.Folder,
    AuthStrategy: input.AuthStrategy ?? known.AuthStrategy,
    AuthToken: input.AuthToken ?? known.AuthToken,
    LastCommitId: known.LastCommitId,
  };
  if (!details.Provider) throw ctx.invalid("Provider is required: the job has no source control details yet.");
  if (!details.Repository) throw ctx.invalid("RepositoryName is required: the job has no source control details yet.");
  // Only AWS CodeCommit repositories live in the account and need no owner.
  if (details.Provider !== "AWS_CODE_COMMIT" && !details.Owner) throw ctx.invalid(`RepositoryOwner is required for ${details.Provider} repositories.`);
  if (details.AuthStrategy === "AWS_SECRETS_MANAGER" && !details.AuthToken) throw ctx.invalid("AuthToken (the secret holding the token) is required with the AWS_SECRETS_MANAGER strategy.");
  return details;
}

function jobOf(ctx: Ctx, input: Input): JobRecord {
  if (input.JobName === undefined) throw ctx.invalid("JobName is required.");
  return findJob(ctx, input.JobName);
}

const commitOf = (...parts: unknown[]): string => createHash("sha1").update(canonicalJson(parts)).digest("hex");

export const updateSourceControlFromJob = op<UpdateSourceControlFromJobRequest, UpdateSourceControlFromJobResponse>({
  input: INPUT,
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const job = jobOf(ctx, input);
    const details = detailsFor(ctx, job, input);
    const { SourceControlDetails: _, CreatedOn: __, LastModifiedOn: ___, ...pushed } = job.definition;
    details.LastCommitId = commitOf(details.Repository, details.Branch, details.Folder ?? null, pushed);
    job.definition.SourceControlDetails = details;
    job.definition.LastModifiedOn = ctx.now();
    return { JobName: job.definition.Name };
  },
});

export const updateJobFromSourceControl = op<UpdateJobFromSourceControlRequest, UpdateJobFromSourceControlResponse>({
  input: INPUT,
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const job = jobOf(ctx, input);
    const details = detailsFor(ctx, job, input);
    details.LastCommitId = input.CommitId ?? details.LastCommitId ?? commitOf(details.Repository, details.Branch, details.Folder ?? null);
    job.definition.SourceControlDetails = details;
    job.definition.LastModifiedOn = ctx.now();
    return { JobName: job.definition.Name };
  },
});
