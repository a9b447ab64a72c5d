import { OrderedTable } from "../../../engine/ordered-table.js";
import { SortedViews } from "../../../engine/sorted-views.js";
import type { FormSchema } from "./form-schema.js";

/** Glue's business context in one account and region: glossaries, terms, form and asset types, assets. */

export interface GlossaryRecord {
  readonly Id: string;
  Name: string;
  Description?: string | undefined;
  /** Its terms, by id, in name order. */
  readonly terms: OrderedTable<TermRecord>;
  /** Term ids by name (names are unique in a glossary). */
  readonly termNames: Map<string, string>;
}

export interface TermRecord {
  readonly Id: string;
  readonly GlossaryId: string;
  Name: string;
  ShortDescription?: string | undefined;
  LongDescription?: string | undefined;
  /** The assets and items it is associated with (their target keys). */
  readonly targets: Set<string>;
}

export interface FormTypeRecord {
  readonly Id: string;
  readonly Name: string;
  Schema: string;
  parsed: FormSchema;
}

export interface AssetTypeRecord {
  readonly Id: string;
  readonly Name: string;
  Forms: Record<string, { FormTypeIdentifier: string }>;
}

export interface FormEntry {
  FormTypeId: string;
  Content: string;
}

/** What an asset, or an item of one of its iterable forms, carries besides its forms. */
export interface TargetExtras {
  GlossaryTerms: string[];
  Attachments: Record<string, FormEntry>;
}

export interface AssetRecord {
  readonly Id: string;
  Name: string;
  Description?: string | undefined;
  AssetTypeId: string;
  readonly CreatedAt: Date;
  UpdatedAt: Date;
  /** Forms by name; a form whose content is a JSON array is an iterable form (its elements are items). */
  Forms: Record<string, FormEntry>;
  readonly extras: TargetExtras;
  /** Extras of iterable-form items, by `<form>|<itemId>`. */
  readonly itemExtras: Map<string, TargetExtras>;
  /** The items of its iterable forms, by form name, in content order (see targets.ts). */
  iterables: Map<string, IterableFormItems>;
}

export interface IterableItem {
  ItemId: string;
  ItemName: string;
  Description?: string | undefined;
  /** The element itself, as the item's form content. */
  content: unknown;
  readonly index: number;
}

export interface IterableFormItems {
  readonly items: OrderedTable<IterableItem>;
  /** Item ids by item name. */
  readonly byName: Map<string, string>;
}

export type AssetOrder = "name" | "createdAt" | "updatedAt";

export class GlossaryState {
  /** Glossaries by id, in name order. */
  readonly glossaries = new OrderedTable<GlossaryRecord>((value) => value.Name);
  readonly glossaryNames = new Map<string, string>();
  readonly terms = new Map<string, TermRecord>();
  readonly formTypes = new OrderedTable<FormTypeRecord>();
  readonly assetTypes = new OrderedTable<AssetTypeRecord>();
  readonly assets = new SortedViews<AssetRecord, AssetOrder>({
    name: (asset) => asset.Name,
    createdAt: (asset) => asset.CreatedAt.getTime(),
    updatedAt: (asset) => asset.UpdatedAt.getTime(),
  });
  /** How many asset types use each form type, and assets each asset type (delete guards). */
  readonly formTypeUses = new Map<string, number>();
  readonly assetTypeUses = new Map<string, number>();
}

export function bump(map: Map<string, number>, key: string, by: number): void {
  const next = (map.get(key) ?? 0) + by;
  if (next <= 0) map.delete(key);
  else map.set(key, next);
}
