import type {
  CreateRepositoryInput,
  CreateRepositoryOutput,
  DeleteRepositoryInput,
  DeleteRepositoryOutput,
  GetRepositoryInput,
  GetRepositoryOutput,
  GetRepositorySyncStatusInput,
  GetRepositorySyncStatusOutput,
  ListRepositoriesInput,
  ListRepositoriesOutput,
  ListRepositorySyncDefinitionsInput,
  ListRepositorySyncDefinitionsOutput,
  Repository,
  RepositorySummary,
  RepositorySyncDefinition,
} from "@aws-sdk/client-proton";
import { oneOf } from "../../engine/validation/rules.js";
import { op } from "./backend.js";
import { conflict, forget, newResourceTags, notFound, page, storeTags, type Ctx } from "./common.js";
import { ARN, BRANCH, EMPTY_NEXT_TOKEN, MAX_RESULTS, NEXT_TOKEN, REPOSITORY_NAME, REPOSITORY_PROVIDER, TAGS } from "./shapes.js";

/**
 * Linked repositories (CreateRepository): Git repositories Proton pushes rendered
 * infrastructure to (self-managed provisioning) or pulls templates and service specs from
 * (template sync, service sync). There is no Git here: a test pushes with pushToRepository
 * (public.ts), which starts the syncs (pushes.ts; see docs/services/proton.md).
 */
export interface RepositoryRecord {
  arn: string;
  provider: string;
  name: string;
  connectionArn: string;
  encryptionKey?: string | undefined;
}

const repositoryId = (provider: string, name: string) => `${provider}:${name}`;
const repositoryArn = (ctx: Ctx, provider: string, name: string) => ctx.arn(`repository/${provider.toLowerCase()}:${name}`);

export function findRepository(ctx: Ctx, provider: string, name: string): RepositoryRecord {
  const repository = ctx.backend.repositories.get(repositoryId(provider, name));
  if (!repository) throw notFound(ctx, `Repository ${name} (${provider})`);
  return repository;
}

/** For operations whose model has no ResourceNotFoundException: an unlinked repository is invalid input. */
export function linkedRepository(ctx: Ctx, provider: string, name: string): RepositoryRecord {
  const repository = ctx.backend.repositories.get(repositoryId(provider, name));
  if (!repository) throw ctx.invalid(`Repository ${name} (${provider}) is not linked to Proton: link it with CreateRepository first.`);
  return repository;
}

function render(repository: RepositoryRecord): Repository {
  return {
    arn: repository.arn,
    provider: repository.provider as Repository["provider"],
    name: repository.name,
    connectionArn: repository.connectionArn,
    encryptionKey: repository.encryptionKey,
  };
}

function renderSummary(repository: RepositoryRecord): RepositorySummary {
  const { encryptionKey: _key, ...summary } = render(repository);
  return summary;
}

/** What keeps a repository linked: the resources that use it. */
function usersOf(ctx: Ctx, repository: RepositoryRecord): string[] {
  const backend = ctx.backend;
  const uses = (r: { provider?: string | undefined; name?: string | undefined } | undefined) => r?.provider === repository.provider && r.name === repository.name;
  const users: string[] = [];
  for (const environment of backend.environments.values()) if (uses(environment.provisioningRepository)) users.push(`environment ${environment.name}`);
  for (const config of backend.templateSyncConfigs.values()) {
    if (config.repositoryProvider === repository.provider && config.repositoryName === repository.name) users.push(`the template sync config of ${config.templateName}`);
  }
  for (const config of backend.serviceSyncConfigs.values()) {
    if (config.repositoryProvider === repository.provider && config.repositoryName === repository.name) users.push(`the service sync config of ${config.serviceName}`);
  }
  if (uses(backend.accountSettings.pipelineProvisioningRepository)) users.push("the account settings (pipelineProvisioningRepository)");
  return users;
}

export const createRepository = op<CreateRepositoryInput, CreateRepositoryOutput>({
  input: { provider: REPOSITORY_PROVIDER, name: REPOSITORY_NAME, connectionArn: ARN, encryptionKey: ARN, tags: TAGS },
  errors: ["ConflictException", "ServiceQuotaExceededException"],
  run(ctx, input) {
    const provider = input.provider!;
    const name = input.name!;
    if (ctx.backend.repositories.has(repositoryId(provider, name))) throw conflict(ctx, `Repository ${name} (${provider}) is already linked.`);
    const arn = repositoryArn(ctx, provider, name);
    const tags = newResourceTags(ctx, arn, input.tags);
    const repository: RepositoryRecord = { arn, provider, name, connectionArn: input.connectionArn!, encryptionKey: input.encryptionKey };
    ctx.backend.repositories.set(repositoryId(provider, name), repository);
    ctx.backend.deleted.delete(repository.arn);
    storeTags(ctx, arn, tags);
    return { repository: render(repository) };
  },
});

export const getRepository = op<GetRepositoryInput, GetRepositoryOutput>({
  input: { provider: REPOSITORY_PROVIDER, name: REPOSITORY_NAME },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    return { repository: render(findRepository(ctx, input.provider!, input.name!)) };
  },
});

export const deleteRepository = op<DeleteRepositoryInput, DeleteRepositoryOutput>({
  input: { provider: REPOSITORY_PROVIDER, name: REPOSITORY_NAME },
  errors: ["ResourceNotFoundException", "ConflictException"],
  run(ctx, input) {
    const repository = findRepository(ctx, input.provider!, input.name!);
    const users = usersOf(ctx, repository);
    if (users.length > 0) throw conflict(ctx, `Repository ${repository.name} is in use by ${users.join(", ")}.`);
    ctx.backend.repositories.delete(repositoryId(repository.provider, repository.name));
    forget(ctx.backend, repository.arn);
    return { repository: render(repository) };
  },
});

export const listRepositories = op<ListRepositoriesInput, ListRepositoriesOutput>({
  input: { nextToken: NEXT_TOKEN, maxResults: MAX_RESULTS },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const result = page(ctx, ctx.backend.repositories, { nextToken: input.nextToken, maxResults: input.maxResults });
    return { repositories: result.items.map(renderSummary), nextToken: result.nextToken };
  },
});

export const getRepositorySyncStatus = op<GetRepositorySyncStatusInput, GetRepositorySyncStatusOutput>({
  input: { repositoryName: REPOSITORY_NAME, repositoryProvider: REPOSITORY_PROVIDER, branch: BRANCH, syncType: oneOf("SyncType") },
  errors: ["ResourceNotFoundException"],
  run(ctx, input) {
    const repository = findRepository(ctx, input.repositoryProvider!, input.repositoryName!);
    // A sync attempt starts on a push to the branch (pushToRepository in tests).
    const latestSync = ctx.backend.repositorySyncs.get(`${repository.arn}#${input.branch}#${input.syncType}`);
    return latestSync ? { latestSync } : {};
  },
});

export const listRepositorySyncDefinitions = op<ListRepositorySyncDefinitionsInput, ListRepositorySyncDefinitionsOutput>({
  input: { repositoryName: REPOSITORY_NAME, repositoryProvider: REPOSITORY_PROVIDER, syncType: oneOf("SyncType"), nextToken: EMPTY_NEXT_TOKEN },
  errors: [],
  run(ctx, input) {
    const backend = ctx.backend;
    const same = (c: { repositoryProvider: string; repositoryName: string }) => c.repositoryProvider === input.repositoryProvider && c.repositoryName === input.repositoryName;
    const definitions: RepositorySyncDefinition[] =
      input.syncType === "TEMPLATE_SYNC"
        ? [...backend.templateSyncConfigs.values()].filter(same).map((c) => ({ target: c.templateName, parent: c.templateType, branch: c.branch, directory: c.subdirectory ?? "/" }))
        : [...backend.serviceSyncConfigs.values()].filter(same).map((c) => ({ target: c.serviceName, parent: c.serviceName, branch: c.branch, directory: c.filePath }));
    return { syncDefinitions: definitions };
  },
});
