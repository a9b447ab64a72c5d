import type { JobBookmarkEntry } from "@aws-sdk/client-glue";
import type { GlueBackend } from "../backend.js";
import type { JobRecord } from "../jobs.js";

/**
 * Job bookmarks: what a job with `--job-bookmark-option job-bookmark-enable` has processed.
 * Each successful run commits the bookmark (its Run and Version advance, and the run's id and
 * attempt are recorded); `job-bookmark-pause` reads it without committing; any other value
 * (`job-bookmark-disable`, the default) leaves it alone. The fake cannot see the data a run
 * read, so JobBookmark holds the run bookkeeping only (no per-source state).
 */

export interface BookmarkState {
  /** The job the bookmark belongs to (a job deleted and created again starts without one). */
  readonly job: JobRecord;
  entry: JobBookmarkEntry;
  /** The entry as committed by each run, by run id (for ResetJobBookmark with a RunId). */
  readonly byRun: Map<string, JobBookmarkEntry>;
}

/** The option in force for a run: its own argument, else the job's default argument. */
export function bookmarkOption(job: JobRecord, runArguments: Readonly<Record<string, string>>): string {
  return runArguments["--job-bookmark-option"] ?? job.definition.DefaultArguments?.["--job-bookmark-option"] ?? "job-bookmark-disable";
}

export function bookmarkOf(backend: GlueBackend, jobName: string): BookmarkState | undefined {
  const state = backend.jobBookmarks.get(jobName);
  return state && backend.jobs.get(jobName) === state.job ? state : undefined;
}

export function bookmarkJson(entry: Omit<JobBookmarkEntry, "JobBookmark">): string {
  return JSON.stringify({ jsonClass: "BookmarkState", jobName: entry.JobName, version: entry.Version, run: entry.Run, attempt: entry.Attempt, runId: entry.RunId ?? null, previousRunId: entry.PreviousRunId ?? null });
}

/** Called by a job run when it ends: a successful run of a bookmarked job commits the bookmark. */
export function jobRunEnded(backend: GlueBackend, job: JobRecord, run: { Id: string; Attempt: number; Arguments: Readonly<Record<string, string>> }, runState: string): void {
  if (runState !== "SUCCEEDED" || bookmarkOption(job, run.Arguments) !== "job-bookmark-enable") return;
  const name = job.definition.Name!;
  const current = bookmarkOf(backend, name);
  const previous = current?.entry;
  const next: Omit<JobBookmarkEntry, "JobBookmark"> = {
    JobName: name,
    Version: (previous?.Version ?? 0) + 1,
    Run: (previous?.Run ?? 0) + 1,
    Attempt: run.Attempt,
    PreviousRunId: previous?.RunId,
    RunId: run.Id,
  };
  const entry = { ...next, JobBookmark: bookmarkJson(next) };
  const bookmark: BookmarkState = current ?? { job, entry, byRun: new Map() };
  bookmark.entry = entry;
  bookmark.byRun.set(run.Id, entry);
  backend.jobBookmarks.set(name, bookmark);
}
