import { parseArn } from "../../engine/arn.js";
import { RequestContext } from "../../engine/context.js";
import { AwsDoublesUsageError } from "../../engine/errors.js";
import { requestId } from "../../engine/ids.js";
import { resolveWhere } from "../../options.js";
import { globalState } from "../../state.js";
import { proton } from "./index.js";
import { provideOutputs } from "./outputs.js";
import { receivePush } from "./pushes.js";

/*
 * Test helpers for the Proton fake, exported as `aws-doubles/proton`:
 * - provideDeploymentOutputs(): the outputs of AWS-managed deployments.
 * - pushToRepository(): a push to a linked repository, which starts template and service syncs.
 */

/**
 * With AWS-managed provisioning, a deployment's outputs are the outputs of the
 * CloudFormation stack Proton provisions. There is no CloudFormation here: a test says what
 * the next successful deployments of a resource report, by the resource's ARN (an
 * environment, a service instance, a service pipeline or a component). reset() forgets them.
 *
 *   provideDeploymentOutputs("arn:aws:proton:us-east-1:123456789012:environment/prod", { VpcId: "vpc-0123" });
 */
export function provideDeploymentOutputs(resourceArn: string, outputs: Readonly<Record<string, string>>): void {
  const parts = typeof resourceArn === "string" ? parseArn(resourceArn) : undefined;
  const deployable = parts?.service === "proton" && /^\d{12}$/.test(parts.accountId) && parts.region !== "" && /^(environment\/[^/]+|component\/[^/]+|service\/[^/]+\/(service-instance\/[^/]+|pipeline(\/[^/]+)?))$/.test(parts.resource);
  if (!deployable) {
    throw new AwsDoublesUsageError(`provideDeploymentOutputs needs the ARN of a Proton environment, service instance, service pipeline or component; got ${resourceArn}`);
  }
  if (!outputs || typeof outputs !== "object" || Array.isArray(outputs)) throw new AwsDoublesUsageError("provideDeploymentOutputs needs the outputs as an object of key: string value pairs.");
  for (const [key, value] of Object.entries(outputs)) {
    if (typeof value !== "string" || key.length === 0) throw new AwsDoublesUsageError(`Deployment outputs are non-empty keys with string values; got ${key}=${String(value)}`);
  }
  provideOutputs(globalState().engine, resourceArn, outputs);
}

const REPOSITORY_PROVIDERS = ["GITHUB", "GITHUB_ENTERPRISE", "BITBUCKET"] as const;

export interface RepositoryPushInput {
  provider: (typeof REPOSITORY_PROVIDERS)[number];
  /** The linked repository's name, "owner/repo". */
  repository: string;
  branch: string;
  /** The branch's files after the commit, by path from the repository root ("templates/vpc-env/v1/schema/schema.yaml"). */
  files: Readonly<Record<string, string>>;
  /** The commit's SHA (default: a random 40-character one). */
  commitId?: string;
}

/** Where a helper acts: the mock's account and region unless given. */
export interface ProtonWhere {
  accountId?: string;
  region?: string;
}

/**
 * A push to a branch of a repository linked with CreateRepository: the stand-in for the Git
 * host's notification. It runs the template syncs and service syncs that follow the branch
 * (see docs/services/proton.md, "Template and service sync") and returns the commit id the
 * sync statuses report. The push's files replace what the branch held.
 *
 *   pushToRepository({ provider: "GITHUB", repository: "acme/templates", branch: "main",
 *     files: { "templates/vpc-env/v2/schema/schema.yaml": "schema: …" } });
 */
export function pushToRepository(push: RepositoryPushInput, where: ProtonWhere = {}): { commitId: string } {
  const state = globalState();
  const installation = state.installation;
  if (!installation) throw new AwsDoublesUsageError("aws-doubles is not installed: call mockAws() (or use the vitest/jest setup) before pushing to a repository.");
  if (!push || typeof push !== "object") throw new AwsDoublesUsageError("pushToRepository needs { provider, repository, branch, files }.");
  const { provider, repository, branch, files, commitId } = push;
  if (!(REPOSITORY_PROVIDERS as readonly unknown[]).includes(provider)) {
    throw new AwsDoublesUsageError(`pushToRepository: provider must be one of ${REPOSITORY_PROVIDERS.join(", ")}; got ${JSON.stringify(provider) ?? String(provider)}.`);
  }
  if (typeof repository !== "string" || typeof branch !== "string" || branch === "" || !files || typeof files !== "object" || Array.isArray(files)) {
    throw new AwsDoublesUsageError("pushToRepository needs { provider, repository, branch, files } with a repository name, a branch and the branch's files by path.");
  }
  for (const [path, content] of Object.entries(files)) {
    if (path === "" || typeof content !== "string") throw new AwsDoublesUsageError(`pushToRepository: files are non-empty paths with string contents; got ${path || "''"}=${typeof content}.`);
  }
  if (commitId !== undefined && (typeof commitId !== "string" || !/^[0-9A-Za-z]{1,255}$/.test(commitId))) {
    throw new AwsDoublesUsageError(`pushToRepository: commitId must be 1 to 255 letters or digits; got ${String(commitId)}.`);
  }
  const { accountId, region } = resolveWhere(where, installation.options, "pushToRepository(push, where)");
  return state.engine.lifecycles.asRequest(() => {
    const ctx = new RequestContext(state.engine, proton, "RepositoryPush", accountId, region, requestId());
    const linked = ctx.backend.repositories.get(`${provider}:${repository}`);
    if (!linked) throw new AwsDoublesUsageError(`Repository ${repository} (${String(provider)}) is not linked to Proton in account ${accountId}, region ${region}: link it with CreateRepository first.`);
    return { commitId: receivePush(ctx, linked, branch, files, commitId).commitId };
  });
}
