import type {
  BatchGetIterableFormsRequest,
  BatchGetIterableFormsResponse,
  DeleteAssetRequest,
  DeleteAssetResponse,
  DeleteAttachmentRequest,
  DeleteAttachmentResponse,
  GetAssetInput,
  GetAssetOutput,
  IterableFormItem,
  ItemError,
  ListIterableFormsRequest,
  ListIterableFormsResponse,
  PutAssetRequest,
  PutAssetResponse,
  PutAttachmentRequest,
  PutAttachmentResponse,
  UpdateAssetRequest,
  UpdateAssetResponse,
} from "@aws-sdk/client-glue";
import type { RequestContext } from "../../../engine/context.js";
import { int, list, map, str, struct } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { contentProblem } from "./form-schema.js";
import { bump, type AssetRecord, type FormEntry, type GlossaryState, type IterableFormItems, type TargetExtras } from "./records.js";
import { ASSET_IDENTIFIER, ASSET_NAME, ATTACHMENT_NAME, CLIENT_TOKEN, IDENTIFIER, ITEM_IDENTIFIER, ITERABLE_FORM_NAME, TYPE_NAME, TOKEN_UNMODELLED } from "./shapes.js";
import { findAsset, findItem, iterableForm, itemsOf, resolveTarget } from "./targets.js";
import { findAssetType, findFormType } from "./types.js";

const FORMS = map({ key: TYPE_NAME, value: struct({ FormTypeId: IDENTIFIER }), max: 100 });
const DESCRIPTION = str({ max: 2048 });

/** Checks a form's content against its form type; the content as stored. */
function checkedContent(ctx: RequestContext<GlueBackend>, formTypeId: string, content: string | undefined, where: string, iterable: boolean): string {
  const formType = findFormType(ctx, formTypeId);
  const text = content ?? "{}";
  const problem = contentProblem(formType.parsed, formType.Name, text, iterable);
  if (problem) throw ctx.invalid(`The content of ${where} does not fit form type ${formType.Name}: ${problem}.`);
  return text;
}

function copyExtras(extras: TargetExtras) {
  return {
    GlossaryTerms: extras.GlossaryTerms.length > 0 ? [...extras.GlossaryTerms] : undefined,
    Attachments: Object.keys(extras.Attachments).length > 0 ? structuredClone(extras.Attachments) : undefined,
  };
}

function plainForms(asset: AssetRecord): Record<string, FormEntry> {
  return Object.fromEntries(Object.entries(asset.Forms).filter(([name]) => !asset.iterables.has(name)).map(([name, form]) => [name, { ...form }]));
}

/** Forgets a removed asset's (or removed items') glossary-term associations. */
function detachTerms(state: GlossaryState, assetId: string, keys: Iterable<[string, TargetExtras]>): void {
  for (const [key, extras] of keys) for (const termId of extras.GlossaryTerms) state.terms.get(termId)?.targets.delete(key === "" ? assetId : `${assetId}|${key}`);
}

export const putAsset = op<PutAssetRequest, PutAssetResponse>({
  input: { AssetTypeId: IDENTIFIER, Identifier: ASSET_IDENTIFIER, Name: ASSET_NAME, Description: DESCRIPTION, Forms: FORMS, ClientToken: CLIENT_TOKEN },
  errors: ["EntityNotFoundException"],
  unmodelledErrors: TOKEN_UNMODELLED,
  run(ctx, input) {
    const state = ctx.backend.glossary;
    const assetType = findAssetType(ctx, input.AssetTypeId!);
    const forms: Record<string, FormEntry> = {};
    const iterables = new Map<string, IterableFormItems>();
    for (const [name, entry] of Object.entries(input.Forms!)) {
      const declared = assetType.Forms[name];
      if (!declared) throw ctx.invalid(`Asset type ${assetType.Name} has no form ${name} (it has ${Object.keys(assetType.Forms).join(", ")}).`);
      if (entry.FormTypeId !== undefined && entry.FormTypeId !== declared.FormTypeIdentifier) {
        throw ctx.invalid(`Form ${name} of asset type ${assetType.Name} is of form type ${declared.FormTypeIdentifier}, not ${entry.FormTypeId}.`);
      }
      const content = checkedContent(ctx, declared.FormTypeIdentifier, entry.Content, `form ${name}`, true);
      forms[name] = { FormTypeId: declared.FormTypeIdentifier, Content: content };
      const items = itemsOf(forms[name]!);
      if (items) iterables.set(name, items);
    }
    const now = ctx.now();
    const id = input.Identifier!;
    const existing = state.assets.get(id);
    if (existing) {
      if (existing.AssetTypeId !== assetType.Id) {
        bump(state.assetTypeUses, existing.AssetTypeId, -1);
        bump(state.assetTypeUses, assetType.Id, 1);
      }
      // Items that no longer exist lose their terms and attachments.
      const gone = [...existing.itemExtras].filter(([key]) => {
        const [form, item] = key.split("|") as [string, string];
        return !iterables.get(form)?.items.has(item);
      });
      detachTerms(state, id, gone);
      for (const [key] of gone) existing.itemExtras.delete(key);
      Object.assign(existing, { Name: input.Name!, Description: input.Description, AssetTypeId: assetType.Id, Forms: forms, iterables, UpdatedAt: now });
      state.assets.touch(id);
    } else {
      state.assets.set(id, { Id: id, Name: input.Name!, Description: input.Description, AssetTypeId: assetType.Id, CreatedAt: now, UpdatedAt: now, Forms: forms, extras: { GlossaryTerms: [], Attachments: {} }, itemExtras: new Map(), iterables });
      bump(state.assetTypeUses, assetType.Id, 1);
    }
    const asset = state.assets.get(id)!;
    return { Id: asset.Id, Name: asset.Name, Description: asset.Description, CreatedAt: asset.CreatedAt, Forms: structuredClone(asset.Forms) };
  },
});

export const getAsset = op<GetAssetInput, GetAssetOutput>({
  input: { Identifier: ASSET_IDENTIFIER },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const asset = findAsset(ctx, input.Identifier!);
    return {
      Id: asset.Id,
      Name: asset.Name,
      Description: asset.Description,
      CreatedAt: asset.CreatedAt,
      UpdatedAt: asset.UpdatedAt,
      AssetTypeId: asset.AssetTypeId,
      Forms: plainForms(asset),
      IterableForms: asset.iterables.size > 0 ? Object.fromEntries([...asset.iterables.keys()].map((name) => [name, { FormTypeId: asset.Forms[name]!.FormTypeId }])) : undefined,
      ...copyExtras(asset.extras),
    };
  },
});

export const updateAsset = op<UpdateAssetRequest, UpdateAssetResponse>({
  input: { Identifier: ASSET_IDENTIFIER, Name: ASSET_NAME, Description: DESCRIPTION, ClientToken: CLIENT_TOKEN },
  errors: ["EntityNotFoundException"],
  unmodelledErrors: TOKEN_UNMODELLED,
  run(ctx, input) {
    const asset = findAsset(ctx, input.Identifier!);
    if (input.Name !== undefined) asset.Name = input.Name;
    if (input.Description !== undefined) asset.Description = input.Description;
    asset.UpdatedAt = ctx.now();
    ctx.backend.glossary.assets.touch(asset.Id);
    return { Id: asset.Id, Name: asset.Name, Description: asset.Description, UpdatedAt: asset.UpdatedAt };
  },
});

export const deleteAsset = op<DeleteAssetRequest, DeleteAssetResponse>({
  input: { Identifier: ASSET_IDENTIFIER },
  errors: [],
  run(ctx, input) {
    // No EntityNotFoundException is listed: deleting a missing asset succeeds.
    const state = ctx.backend.glossary;
    const asset = state.assets.get(input.Identifier!);
    if (!asset) return {};
    detachTerms(state, asset.Id, [["", asset.extras], ...asset.itemExtras]);
    bump(state.assetTypeUses, asset.AssetTypeId, -1);
    state.assets.delete(asset.Id);
    return {};
  },
});

export const putAttachment = op<PutAttachmentRequest, PutAttachmentResponse>({
  input: { AssetIdentifier: ASSET_IDENTIFIER, IterableFormName: ITERABLE_FORM_NAME, ItemIdentifier: ITEM_IDENTIFIER, AttachmentName: ATTACHMENT_NAME, Content: str({ min: 1 }), FormTypeId: IDENTIFIER, ClientToken: CLIENT_TOKEN },
  errors: ["EntityNotFoundException"],
  unmodelledErrors: TOKEN_UNMODELLED,
  run(ctx, input) {
    resolveTarget(ctx, input.AssetIdentifier!, input.IterableFormName, input.ItemIdentifier, false);
    const content = checkedContent(ctx, input.FormTypeId!, input.Content, `attachment ${input.AttachmentName}`, false);
    const target = resolveTarget(ctx, input.AssetIdentifier!, input.IterableFormName, input.ItemIdentifier, true);
    // An attachment with the same name is overwritten.
    target.extras.Attachments[input.AttachmentName!] = { FormTypeId: input.FormTypeId!, Content: content };
    target.asset.UpdatedAt = ctx.now();
    ctx.backend.glossary.assets.touch(target.asset.Id);
    return { AssetIdentifier: target.asset.Id, IterableFormName: target.form, ItemIdentifier: target.item?.ItemId, AttachmentName: input.AttachmentName, FormTypeId: input.FormTypeId };
  },
});

export const deleteAttachment = op<DeleteAttachmentRequest, DeleteAttachmentResponse>({
  input: { AssetIdentifier: ASSET_IDENTIFIER, IterableFormName: ITERABLE_FORM_NAME, ItemIdentifier: ITEM_IDENTIFIER, AttachmentName: ATTACHMENT_NAME },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const target = resolveTarget(ctx, input.AssetIdentifier!, input.IterableFormName, input.ItemIdentifier, false);
    const name = input.AttachmentName!;
    if (!Object.hasOwn(target.extras.Attachments, name)) throw ctx.error("EntityNotFoundException", `Attachment ${name} not found on ${target.item ? `item ${target.item.ItemId} of ` : ""}asset ${target.asset.Id}.`);
    delete target.extras.Attachments[name];
    return { AssetIdentifier: target.asset.Id, IterableFormName: target.form, ItemIdentifier: target.item?.ItemId };
  },
});

export const listIterableForms = op<ListIterableFormsRequest, ListIterableFormsResponse>({
  input: { AssetIdentifier: ASSET_IDENTIFIER, IterableFormName: ITERABLE_FORM_NAME, MaxResults: int({ min: 1, max: 1000 }) },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const asset = findAsset(ctx, input.AssetIdentifier!);
    const form = iterableForm(ctx, asset, input.IterableFormName!);
    const page = ctx.paginate(form.items, { token: input.NextToken, maxResults: input.MaxResults, defaultSize: 100, query: [asset.Id, input.IterableFormName] });
    return {
      Items: page.items.map((item) => {
        const terms = asset.itemExtras.get(`${input.IterableFormName}|${item.ItemId}`)?.GlossaryTerms ?? [];
        return { ItemId: item.ItemId, ItemName: item.ItemName, Description: item.Description, GlossaryTerms: terms.length > 0 ? [...terms] : undefined };
      }),
      NextToken: page.nextToken,
    };
  },
});

export const batchGetIterableForms = op<BatchGetIterableFormsRequest, BatchGetIterableFormsResponse>({
  input: { AssetIdentifier: ASSET_IDENTIFIER, IterableFormName: ITERABLE_FORM_NAME, ItemIdentifiers: list(ITEM_IDENTIFIER, { min: 1, max: 100 }) },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const asset = findAsset(ctx, input.AssetIdentifier!);
    const formName = input.IterableFormName!;
    const form = iterableForm(ctx, asset, formName);
    const formTypeId = asset.Forms[formName]!.FormTypeId;
    const items: IterableFormItem[] = [];
    const errors: ItemError[] = [];
    for (const identifier of input.ItemIdentifiers!) {
      const item = findItem(form, identifier);
      if (!item) {
        errors.push({ ItemIdentifier: identifier, Code: "EntityNotFoundException", Message: `Iterable form ${formName} of asset ${asset.Id} has no item ${identifier}.` });
        continue;
      }
      const extras = asset.itemExtras.get(`${formName}|${item.ItemId}`) ?? { GlossaryTerms: [], Attachments: {} };
      items.push({ ItemId: item.ItemId, ItemName: item.ItemName, Forms: { [formName]: { FormTypeId: formTypeId, Content: JSON.stringify(item.content) } }, ...copyExtras(extras) });
    }
    return { Items: items, Errors: errors };
  },
});
