import type { RequestContext } from "../../../engine/context.js";
import type { GlueBackend } from "../backend.js";
import { OrderedTable } from "../../../engine/ordered-table.js";
import type { AssetRecord, FormEntry, IterableFormItems, IterableItem, TargetExtras } from "./records.js";

/**
 * Iterable forms: a form of an asset whose content is a JSON array is an iterable form (a table
 * asset's `columns`), and each element is an item. An item's id is its `id` (or `Id`, `itemId`)
 * member, else its `name` (or `Name`), else `item-<n>`; its name is `name`/`Name`, else its id;
 * its description `description`/`Description`. Items also carry glossary terms and attachments.
 */
const pick = (element: Record<string, unknown>, names: string[]): string | undefined => {
  for (const name of names) if (typeof element[name] === "string" && element[name] !== "") return element[name] as string;
  return undefined;
};

/** The items of an iterable form's content (a JSON array), or undefined for any other content. */
export function itemsOf(form: FormEntry): IterableFormItems | undefined {
  let elements: unknown;
  try {
    elements = JSON.parse(form.Content);
  } catch {
    return undefined;
  }
  if (!Array.isArray(elements)) return undefined;
  const items = new OrderedTable<IterableItem>((item) => item.index);
  const byName = new Map<string, string>();
  elements.forEach((element, index) => {
    const object = typeof element === "object" && element !== null && !Array.isArray(element) ? (element as Record<string, unknown>) : {};
    let id = pick(object, ["id", "Id", "itemId", "ItemId"]) ?? pick(object, ["name", "Name"]) ?? `item-${index + 1}`;
    if (items.has(id)) id = `${id}-${index + 1}`;
    const name = pick(object, ["name", "Name"]) ?? id;
    items.set(id, { ItemId: id, ItemName: name, Description: pick(object, ["description", "Description"]), content: element, index });
    if (!byName.has(name)) byName.set(name, id);
  });
  return { items, byName };
}

export function findAsset(ctx: RequestContext<GlueBackend>, id: string): AssetRecord {
  const asset = ctx.backend.glossary.assets.get(id);
  if (!asset) throw ctx.error("EntityNotFoundException", `Asset ${id} not found.`);
  return asset;
}

export function iterableForm(ctx: RequestContext<GlueBackend>, asset: AssetRecord, formName: string): IterableFormItems {
  const form = asset.iterables.get(formName);
  if (!form) throw ctx.error("EntityNotFoundException", `Asset ${asset.Id} has no iterable form ${formName}.`);
  return form;
}

/** The item named by an item identifier (its id or its name), or undefined. */
export function findItem(form: IterableFormItems, identifier: string): IterableItem | undefined {
  return form.items.get(identifier) ?? form.items.get(form.byName.get(identifier) ?? "");
}

export interface Target {
  asset: AssetRecord;
  form?: string | undefined;
  item?: IterableItem | undefined;
  key: string;
  extras: TargetExtras;
}

/** The asset, or the item of one of its iterable forms, an operation acts on. */
export function resolveTarget(ctx: RequestContext<GlueBackend>, assetId: string, formName: string | undefined, itemIdentifier: string | undefined, create: boolean): Target {
  const asset = findAsset(ctx, assetId);
  if ((formName === undefined) !== (itemIdentifier === undefined)) throw ctx.invalid("Give both IterableFormName and ItemIdentifier to address an item, or neither to address the asset.");
  if (formName === undefined) return { asset, key: asset.Id, extras: asset.extras };
  const item = findItem(iterableForm(ctx, asset, formName), itemIdentifier!);
  if (!item) throw ctx.error("EntityNotFoundException", `Iterable form ${formName} of asset ${asset.Id} has no item ${itemIdentifier}.`);
  const extrasKey = `${formName}|${item.ItemId}`;
  let extras = asset.itemExtras.get(extrasKey);
  if (!extras) {
    extras = { GlossaryTerms: [], Attachments: {} };
    if (create) asset.itemExtras.set(extrasKey, extras);
  }
  return { asset, form: formName, item, key: `${asset.Id}|${extrasKey}`, extras };
}

/** The asset id and item key of a target key. */
export function splitTargetKey(key: string): { assetId: string; itemKey?: string | undefined } {
  const bar = key.indexOf("|");
  return bar < 0 ? { assetId: key } : { assetId: key.slice(0, bar), itemKey: key.slice(bar + 1) };
}
