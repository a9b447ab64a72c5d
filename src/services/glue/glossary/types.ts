import type {
  DeleteAssetTypeRequest,
  DeleteAssetTypeResponse,
  DeleteFormTypeRequest,
  DeleteFormTypeResponse,
  GetAssetTypeRequest,
  GetAssetTypeResponse,
  GetFormTypeRequest,
  GetFormTypeResponse,
  ListAssetTypesRequest,
  ListAssetTypesResponse,
  ListFormTypesRequest,
  ListFormTypesResponse,
  PutAssetTypeRequest,
  PutAssetTypeResponse,
  PutFormTypeRequest,
  PutFormTypeResponse,
} from "@aws-sdk/client-glue";
import type { RequestContext } from "../../../engine/context.js";
import { int, map, struct } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { FormSchemaError, parseFormSchema } from "./form-schema.js";
import { bump, type AssetTypeRecord, type FormTypeRecord } from "./records.js";
import { CLIENT_TOKEN, FORM_SCHEMA, FORM_TYPE_NAME, IDENTIFIER, TYPE_NAME, TOKEN_UNMODELLED } from "./shapes.js";

const PAGE = int({ min: 1, max: 1000 });

/** A form type by its identifier: its id, which is its name. */
export function findFormType(ctx: RequestContext<GlueBackend>, id: string): FormTypeRecord {
  const formType = ctx.backend.glossary.formTypes.get(id);
  if (!formType) throw ctx.error("EntityNotFoundException", `Form type ${id} not found.`);
  return formType;
}

export function findAssetType(ctx: RequestContext<GlueBackend>, id: string): AssetTypeRecord {
  const assetType = ctx.backend.glossary.assetTypes.get(id);
  if (!assetType) throw ctx.error("EntityNotFoundException", `Asset type ${id} not found.`);
  return assetType;
}

export const putFormType = op<PutFormTypeRequest, PutFormTypeResponse>({
  input: { Name: FORM_TYPE_NAME, Schema: FORM_SCHEMA, ClientToken: CLIENT_TOKEN },
  errors: [],
  unmodelledErrors: TOKEN_UNMODELLED,
  run(ctx, input) {
    const name = input.Name!;
    let parsed;
    try {
      parsed = parseFormSchema(input.Schema!);
    } catch (error) {
      if (error instanceof FormSchemaError) throw ctx.invalid(`Schema is not a valid Smithy IDL form schema: ${error.message}.`);
      throw error;
    }
    const formTypes = ctx.backend.glossary.formTypes;
    const existing = formTypes.get(name);
    if (existing) {
      existing.Schema = input.Schema!;
      existing.parsed = parsed;
    } else {
      formTypes.set(name, { Id: name, Name: name, Schema: input.Schema!, parsed });
    }
    return { Id: name, Name: name, Schema: input.Schema };
  },
});

export const getFormType = op<GetFormTypeRequest, GetFormTypeResponse>({
  input: { Identifier: IDENTIFIER },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const f = findFormType(ctx, input.Identifier!);
    return { Id: f.Id, Name: f.Name, Schema: f.Schema };
  },
});

export const deleteFormType = op<DeleteFormTypeRequest, DeleteFormTypeResponse>({
  input: { Identifier: IDENTIFIER },
  errors: ["ConflictException"],
  run(ctx, input) {
    // No EntityNotFoundException is listed: deleting a missing form type succeeds.
    const state = ctx.backend.glossary;
    const id = input.Identifier!;
    if (!state.formTypes.has(id)) return {};
    const uses = state.formTypeUses.get(id) ?? 0;
    if (uses > 0) throw ctx.error("ConflictException", `Form type ${id} is still referenced by ${uses} asset type(s).`);
    state.formTypes.delete(id);
    return {};
  },
});

export const listFormTypes = op<ListFormTypesRequest, ListFormTypesResponse>({
  input: { MaxResults: PAGE },
  errors: [],
  run(ctx, input) {
    const page = ctx.paginate(ctx.backend.glossary.formTypes, { token: input.NextToken, maxResults: input.MaxResults, defaultSize: 100 });
    return { Items: page.items.map((f) => ({ Id: f.Id, Name: f.Name })), NextToken: page.nextToken };
  },
});

const FORMS = map({ key: TYPE_NAME, value: struct({ FormTypeIdentifier: IDENTIFIER }), min: 1, max: 100 });

export const putAssetType = op<PutAssetTypeRequest, PutAssetTypeResponse>({
  input: { Name: TYPE_NAME, Forms: FORMS, ClientToken: CLIENT_TOKEN },
  errors: ["EntityNotFoundException"],
  unmodelledErrors: TOKEN_UNMODELLED,
  run(ctx, input) {
    const state = ctx.backend.glossary;
    const name = input.Name!;
    const forms: AssetTypeRecord["Forms"] = {};
    for (const [formName, reference] of Object.entries(input.Forms!)) {
      findFormType(ctx, reference.FormTypeIdentifier!);
      forms[formName] = { FormTypeIdentifier: reference.FormTypeIdentifier! };
    }
    const existing = state.assetTypes.get(name);
    for (const reference of Object.values(existing?.Forms ?? {})) bump(state.formTypeUses, reference.FormTypeIdentifier, -1);
    for (const reference of Object.values(forms)) bump(state.formTypeUses, reference.FormTypeIdentifier, 1);
    if (existing) existing.Forms = forms;
    else state.assetTypes.set(name, { Id: name, Name: name, Forms: forms });
    return { Id: name, Name: name, Forms: structuredClone(forms) };
  },
});

export const getAssetType = op<GetAssetTypeRequest, GetAssetTypeResponse>({
  input: { Identifier: IDENTIFIER },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const t = findAssetType(ctx, input.Identifier!);
    return { Id: t.Id, Name: t.Name, Forms: structuredClone(t.Forms) };
  },
});

export const deleteAssetType = op<DeleteAssetTypeRequest, DeleteAssetTypeResponse>({
  input: { Identifier: IDENTIFIER },
  errors: [],
  run(ctx, input) {
    // No EntityNotFoundException (nor ConflictException) is listed: a missing type is a success,
    // and one that assets still use is refused as invalid input.
    const state = ctx.backend.glossary;
    const assetType = state.assetTypes.get(input.Identifier!);
    if (!assetType) return {};
    const uses = state.assetTypeUses.get(assetType.Id) ?? 0;
    if (uses > 0) throw ctx.invalid(`Asset type ${assetType.Id} is still used by ${uses} asset(s).`);
    for (const reference of Object.values(assetType.Forms)) bump(state.formTypeUses, reference.FormTypeIdentifier, -1);
    state.assetTypes.delete(assetType.Id);
    return {};
  },
});

export const listAssetTypes = op<ListAssetTypesRequest, ListAssetTypesResponse>({
  input: { MaxResults: PAGE },
  errors: [],
  run(ctx, input) {
    const page = ctx.paginate(ctx.backend.glossary.assetTypes, { token: input.NextToken, maxResults: input.MaxResults, defaultSize: 100 });
    return { Items: page.items.map((t) => ({ Id: t.Id, Name: t.Name })), NextToken: page.nextToken };
  },
});
