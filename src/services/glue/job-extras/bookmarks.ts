import type { GetJobBookmarkRequest, GetJobBookmarkResponse, JobBookmarkEntry, ResetJobBookmarkRequest, ResetJobBookmarkResponse } from "@aws-sdk/client-glue";
import type { RequestContext } from "../../../engine/context.js";
import { str } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { findJob } from "../jobs.js";
import { bookmarkJson, bookmarkOf, type BookmarkState } from "./bookmark-state.js";

const JOB_NAME = str({ min: 1 });

function bookmarkFor(ctx: RequestContext<GlueBackend>, jobName: string): BookmarkState {
  findJob(ctx, jobName);
  const bookmark = bookmarkOf(ctx.backend, jobName);
  // AWS's answer for a job that has never committed a bookmark.
  if (!bookmark) throw ctx.error("EntityNotFoundException", `Continuation for job ${jobName} not found`);
  return bookmark;
}

function entryAt(ctx: RequestContext<GlueBackend>, bookmark: BookmarkState, runId: string): JobBookmarkEntry {
  const entry = bookmark.byRun.get(runId);
  if (!entry) throw ctx.error("EntityNotFoundException", `Continuation for job ${bookmark.entry.JobName} and run ${runId} not found`);
  return entry;
}

export const getJobBookmark = op<GetJobBookmarkRequest, GetJobBookmarkResponse>({
  input: { JobName: JOB_NAME },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const bookmark = bookmarkFor(ctx, input.JobName!);
    return { JobBookmarkEntry: { ...(input.RunId !== undefined ? entryAt(ctx, bookmark, input.RunId) : bookmark.entry) } };
  },
});

export const resetJobBookmark = op<ResetJobBookmarkRequest, ResetJobBookmarkResponse>({
  input: { JobName: JOB_NAME },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const bookmark = bookmarkFor(ctx, input.JobName!);
    const current = bookmark.entry;
    // With a RunId the bookmark rewinds to what that run committed; without one it starts
    // over (the next run processes everything). Either way its Version moves on.
    const base = input.RunId !== undefined ? entryAt(ctx, bookmark, input.RunId) : { JobName: current.JobName, Run: 0, Attempt: 0, RunId: undefined, PreviousRunId: undefined };
    const next = { JobName: current.JobName, Version: (current.Version ?? 0) + 1, Run: base.Run ?? 0, Attempt: base.Attempt ?? 0, RunId: base.RunId, PreviousRunId: base.PreviousRunId };
    bookmark.entry = { ...next, JobBookmark: bookmarkJson(next) };
    return { JobBookmarkEntry: { ...bookmark.entry } };
  },
});
