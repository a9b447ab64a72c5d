import type {
  BatchGetCustomEntityTypesRequest,
  BatchGetCustomEntityTypesResponse,
  CreateCustomEntityTypeRequest,
  CreateCustomEntityTypeResponse,
  CustomEntityType,
  DeleteCustomEntityTypeRequest,
  DeleteCustomEntityTypeResponse,
  GetCustomEntityTypeRequest,
  GetCustomEntityTypeResponse,
  ListCustomEntityTypesRequest,
  ListCustomEntityTypesResponse,
} from "@aws-sdk/client-glue";
import type { RequestContext } from "../../../engine/context.js";
import { list } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { NAME, pageSize, TAGS } from "../shapes.js";
import { describeJavaRegexError, javaRegexError } from "./java-regex.js";

/** A custom pattern for sensitive-data detection. */
export interface CustomEntityTypeRecord {
  Name: string;
  RegexString: string;
  ContextWords?: string[] | undefined;
}

export const customEntityTypeArn = (ctx: RequestContext<GlueBackend>, name: string): string => ctx.arn(`customEntityType/${name}`);

function render(record: CustomEntityTypeRecord): CustomEntityType {
  return { Name: record.Name, RegexString: record.RegexString, ContextWords: record.ContextWords ? [...record.ContextWords] : undefined };
}

function find(ctx: RequestContext<GlueBackend>, name: string): CustomEntityTypeRecord {
  const record = ctx.backend.admin.customEntityTypes.get(name);
  if (!record) throw ctx.error("EntityNotFoundException", `Custom entity type ${name} not found.`);
  return record;
}

export const createCustomEntityType = op<CreateCustomEntityTypeRequest, CreateCustomEntityTypeResponse>({
  input: { Name: NAME, RegexString: NAME, ContextWords: list(NAME, { min: 1, max: 20 }), Tags: TAGS },
  errors: ["AlreadyExistsException"],
  run(ctx, input) {
    const name = input.Name!;
    if (ctx.backend.admin.customEntityTypes.has(name)) throw ctx.error("AlreadyExistsException", `Custom entity type ${name} already exists.`);
    // Glue compiles the pattern with java.util.regex: a pattern Java refuses is refused here too.
    const error = javaRegexError(input.RegexString!);
    if (error) throw ctx.invalid(`RegexString '${input.RegexString}' is not a valid regular expression: ${describeJavaRegexError(error)}.`);
    ctx.backend.admin.customEntityTypes.set(name, { Name: name, RegexString: input.RegexString!, ContextWords: input.ContextWords });
    ctx.backend.tags.add(customEntityTypeArn(ctx, name), input.Tags);
    return { Name: name };
  },
});

export const getCustomEntityType = op<GetCustomEntityTypeRequest, GetCustomEntityTypeResponse>({
  input: { Name: NAME },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    return render(find(ctx, input.Name!));
  },
});

export const batchGetCustomEntityTypes = op<BatchGetCustomEntityTypesRequest, BatchGetCustomEntityTypesResponse>({
  input: { Names: list(NAME, { min: 1, max: 50 }) },
  errors: [],
  run(ctx, input) {
    const found: CustomEntityType[] = [];
    const missing: string[] = [];
    for (const name of input.Names!) {
      const record = ctx.backend.admin.customEntityTypes.get(name);
      if (record) found.push(render(record));
      else missing.push(name);
    }
    return { CustomEntityTypes: found, CustomEntityTypesNotFound: missing.length > 0 ? missing : undefined };
  },
});

export const listCustomEntityTypes = op<ListCustomEntityTypesRequest, ListCustomEntityTypesResponse>({
  input: { MaxResults: pageSize(1000), Tags: TAGS },
  errors: [],
  run(ctx, input) {
    const tags = input.Tags;
    const page = ctx.paginate(ctx.backend.admin.customEntityTypes, {
      token: input.NextToken,
      maxResults: input.MaxResults,
      defaultSize: 100,
      filter: (record) => ctx.backend.tags.matches(customEntityTypeArn(ctx, record.Name), tags),
      query: tags,
    });
    return { CustomEntityTypes: page.items.map(render), NextToken: page.nextToken };
  },
});

export const deleteCustomEntityType = op<DeleteCustomEntityTypeRequest, DeleteCustomEntityTypeResponse>({
  input: { Name: NAME },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const record = find(ctx, input.Name!);
    ctx.backend.admin.customEntityTypes.delete(record.Name);
    ctx.backend.tags.drop(customEntityTypeArn(ctx, record.Name));
    return { Name: record.Name };
  },
});
