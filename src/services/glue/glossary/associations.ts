import type {
  AssociateGlossaryTermsRequest,
  AssociateGlossaryTermsResponse,
  DisassociateGlossaryTermsRequest,
  DisassociateGlossaryTermsResponse,
} from "@aws-sdk/client-glue";
import { list } from "../../../engine/validation/rules.js";
import { op } from "../backend.js";
import type { GlossaryState, TermRecord } from "./records.js";
import { ASSET_IDENTIFIER, CLIENT_TOKEN, IDENTIFIER, ITEM_IDENTIFIER, ITERABLE_FORM_NAME, TOKEN_UNMODELLED } from "./shapes.js";
import { resolveTarget, splitTargetKey } from "./targets.js";

/** At most this many glossary terms on an asset or an item (GlossaryTermIdList holds 1..10). */
const MAX_TERMS = 10;
const TERM_IDS = list(IDENTIFIER, { min: 1, max: MAX_TERMS });

/** Removes a deleted term from every asset and item it was associated with. */
export function detachTerm(state: GlossaryState, term: TermRecord): void {
  for (const key of term.targets) {
    const { assetId, itemKey } = splitTargetKey(key);
    const asset = state.assets.get(assetId);
    const extras = itemKey === undefined ? asset?.extras : asset?.itemExtras.get(itemKey);
    if (extras) extras.GlossaryTerms = extras.GlossaryTerms.filter((id) => id !== term.Id);
  }
  term.targets.clear();
}

export const associateGlossaryTerms = op<AssociateGlossaryTermsRequest, AssociateGlossaryTermsResponse>({
  input: { AssetIdentifier: ASSET_IDENTIFIER, IterableFormName: ITERABLE_FORM_NAME, ItemIdentifier: ITEM_IDENTIFIER, GlossaryTermIdentifiers: TERM_IDS, ClientToken: CLIENT_TOKEN },
  errors: ["EntityNotFoundException"],
  unmodelledErrors: TOKEN_UNMODELLED,
  run(ctx, input) {
    const state = ctx.backend.glossary;
    const terms = input.GlossaryTermIdentifiers!.map((id) => {
      const term = state.terms.get(id);
      if (!term) throw ctx.error("EntityNotFoundException", `Glossary term ${id} not found.`);
      return term;
    });
    const target = resolveTarget(ctx, input.AssetIdentifier!, input.IterableFormName, input.ItemIdentifier, false);
    const next = [...target.extras.GlossaryTerms];
    for (const term of terms) if (!next.includes(term.Id)) next.push(term.Id);
    if (next.length > MAX_TERMS) throw ctx.invalid(`An asset or item holds at most ${MAX_TERMS} glossary terms; this would make ${next.length}.`);
    const stored = resolveTarget(ctx, input.AssetIdentifier!, input.IterableFormName, input.ItemIdentifier, true);
    stored.extras.GlossaryTerms = next;
    for (const term of terms) term.targets.add(stored.key);
    return { AssetIdentifier: stored.asset.Id, IterableFormName: stored.form, ItemIdentifier: stored.item?.ItemId, GlossaryTerms: [...next] };
  },
});

export const disassociateGlossaryTerms = op<DisassociateGlossaryTermsRequest, DisassociateGlossaryTermsResponse>({
  input: { AssetIdentifier: ASSET_IDENTIFIER, IterableFormName: ITERABLE_FORM_NAME, ItemIdentifier: ITEM_IDENTIFIER, GlossaryTermIdentifiers: TERM_IDS, ClientToken: CLIENT_TOKEN },
  errors: ["EntityNotFoundException"],
  unmodelledErrors: TOKEN_UNMODELLED,
  run(ctx, input) {
    const state = ctx.backend.glossary;
    const target = resolveTarget(ctx, input.AssetIdentifier!, input.IterableFormName, input.ItemIdentifier, false);
    const removing = new Set(input.GlossaryTermIdentifiers!);
    for (const id of removing) {
      if (!target.extras.GlossaryTerms.includes(id)) throw ctx.error("EntityNotFoundException", `Glossary term ${id} is not associated with ${target.item ? `item ${target.item.ItemId} of ` : ""}asset ${target.asset.Id}.`);
    }
    target.extras.GlossaryTerms = target.extras.GlossaryTerms.filter((id) => !removing.has(id));
    for (const id of removing) state.terms.get(id)?.targets.delete(target.key);
    return { AssetIdentifier: target.asset.Id, IterableFormName: target.form, ItemIdentifier: target.item?.ItemId, GlossaryTerms: [...target.extras.GlossaryTerms] };
  },
});
