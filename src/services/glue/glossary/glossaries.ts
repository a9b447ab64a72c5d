import type {
  CreateGlossaryRequest,
  CreateGlossaryResponse,
  CreateGlossaryTermRequest,
  CreateGlossaryTermResponse,
  DeleteGlossaryRequest,
  DeleteGlossaryResponse,
  DeleteGlossaryTermRequest,
  DeleteGlossaryTermResponse,
  GetGlossaryRequest,
  GetGlossaryResponse,
  GetGlossaryTermRequest,
  GetGlossaryTermResponse,
  ListGlossariesRequest,
  ListGlossariesResponse,
  ListGlossaryTermsRequest,
  ListGlossaryTermsResponse,
  UpdateGlossaryRequest,
  UpdateGlossaryResponse,
  UpdateGlossaryTermRequest,
  UpdateGlossaryTermResponse,
} from "@aws-sdk/client-glue";
import type { RequestContext } from "../../../engine/context.js";
import { uuid } from "../../../engine/ids.js";
import { OrderedTable } from "../../../engine/ordered-table.js";
import { int } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { VALIDATION_UNMODELLED } from "../shapes.js";
import { detachTerm } from "./associations.js";
import type { GlossaryRecord, TermRecord } from "./records.js";
import { CLIENT_TOKEN, GLOSSARY_DESCRIPTION, GLOSSARY_NAME, IDENTIFIER, LONG_DESCRIPTION, SHORT_DESCRIPTION, TOKEN_UNMODELLED } from "./shapes.js";

const PAGE = int({ min: 1, max: 1000 });

export function findGlossary(ctx: RequestContext<GlueBackend>, id: string): GlossaryRecord {
  const glossary = ctx.backend.glossary.glossaries.get(id);
  if (!glossary) throw ctx.error("EntityNotFoundException", `Glossary ${id} not found.`);
  return glossary;
}

export function findTerm(ctx: RequestContext<GlueBackend>, id: string): TermRecord {
  const term = ctx.backend.glossary.terms.get(id);
  if (!term) throw ctx.error("EntityNotFoundException", `Glossary term ${id} not found.`);
  return term;
}

const renderGlossary = (g: GlossaryRecord) => ({ Id: g.Id, Name: g.Name, Description: g.Description });
const renderTerm = (t: TermRecord) => ({ Id: t.Id, GlossaryId: t.GlossaryId, Name: t.Name, ShortDescription: t.ShortDescription, LongDescription: t.LongDescription });

export const createGlossary = op<CreateGlossaryRequest, CreateGlossaryResponse>({
  input: { Name: GLOSSARY_NAME, Description: GLOSSARY_DESCRIPTION, ClientToken: CLIENT_TOKEN },
  errors: ["AlreadyExistsException"],
  unmodelledErrors: TOKEN_UNMODELLED,
  run(ctx, input) {
    const state = ctx.backend.glossary;
    const name = input.Name!;
    if (state.glossaryNames.has(name)) throw ctx.error("AlreadyExistsException", `A glossary named ${name} already exists.`);
    const glossary: GlossaryRecord = { Id: uuid(), Name: name, Description: input.Description, terms: new OrderedTable<TermRecord>((t) => t.Name), termNames: new Map() };
    state.glossaries.set(glossary.Id, glossary);
    state.glossaryNames.set(name, glossary.Id);
    return renderGlossary(glossary);
  },
});

export const getGlossary = op<GetGlossaryRequest, GetGlossaryResponse>({
  input: { Identifier: IDENTIFIER },
  errors: ["EntityNotFoundException"],
  unmodelledErrors: VALIDATION_UNMODELLED,
  run: (ctx, input) => renderGlossary(findGlossary(ctx, input.Identifier!)),
});

export const updateGlossary = op<UpdateGlossaryRequest, UpdateGlossaryResponse>({
  input: { Identifier: IDENTIFIER, Name: GLOSSARY_NAME, Description: GLOSSARY_DESCRIPTION, ClientToken: CLIENT_TOKEN },
  errors: ["EntityNotFoundException", "AlreadyExistsException"],
  unmodelledErrors: TOKEN_UNMODELLED,
  run(ctx, input) {
    const state = ctx.backend.glossary;
    const glossary = findGlossary(ctx, input.Identifier!);
    const name = input.Name;
    if (name !== undefined && name !== glossary.Name) {
      if (state.glossaryNames.has(name)) throw ctx.error("AlreadyExistsException", `A glossary named ${name} already exists.`);
      state.glossaryNames.delete(glossary.Name);
      state.glossaryNames.set(name, glossary.Id);
      glossary.Name = name;
      state.glossaries.set(glossary.Id, glossary); // re-sorts by the new name
    }
    if (input.Description !== undefined) glossary.Description = input.Description;
    return renderGlossary(glossary);
  },
});

export const deleteGlossary = op<DeleteGlossaryRequest, DeleteGlossaryResponse>({
  input: { Identifier: IDENTIFIER },
  errors: ["ConflictException"],
  run(ctx, input) {
    // DeleteGlossary lists no EntityNotFoundException: deleting a missing glossary succeeds.
    const state = ctx.backend.glossary;
    const glossary = state.glossaries.get(input.Identifier!);
    if (!glossary) return {};
    if (glossary.terms.size > 0) throw ctx.error("ConflictException", `Glossary ${glossary.Name} still has ${glossary.terms.size} term(s); delete them first.`);
    state.glossaries.delete(glossary.Id);
    state.glossaryNames.delete(glossary.Name);
    return {};
  },
});

export const listGlossaries = op<ListGlossariesRequest, ListGlossariesResponse>({
  input: { MaxResults: PAGE },
  errors: [],
  run(ctx, input) {
    const page = ctx.paginate(ctx.backend.glossary.glossaries, { token: input.NextToken, maxResults: input.MaxResults, defaultSize: 100 });
    return { Items: page.items.map(renderGlossary), NextToken: page.nextToken };
  },
});

export const createGlossaryTerm = op<CreateGlossaryTermRequest, CreateGlossaryTermResponse>({
  input: { GlossaryIdentifier: IDENTIFIER, Name: GLOSSARY_NAME, ShortDescription: SHORT_DESCRIPTION, LongDescription: LONG_DESCRIPTION, ClientToken: CLIENT_TOKEN },
  errors: ["EntityNotFoundException", "AlreadyExistsException"],
  unmodelledErrors: TOKEN_UNMODELLED,
  run(ctx, input) {
    const glossary = findGlossary(ctx, input.GlossaryIdentifier!);
    const name = input.Name!;
    if (glossary.termNames.has(name)) throw ctx.error("AlreadyExistsException", `Glossary ${glossary.Name} already has a term named ${name}.`);
    const term: TermRecord = { Id: uuid(), GlossaryId: glossary.Id, Name: name, ShortDescription: input.ShortDescription, LongDescription: input.LongDescription, targets: new Set() };
    glossary.terms.set(term.Id, term);
    glossary.termNames.set(name, term.Id);
    ctx.backend.glossary.terms.set(term.Id, term);
    return renderTerm(term);
  },
});

export const getGlossaryTerm = op<GetGlossaryTermRequest, GetGlossaryTermResponse>({
  input: { Identifier: IDENTIFIER },
  errors: ["EntityNotFoundException"],
  unmodelledErrors: VALIDATION_UNMODELLED,
  run: (ctx, input) => renderTerm(findTerm(ctx, input.Identifier!)),
});

export const updateGlossaryTerm = op<UpdateGlossaryTermRequest, UpdateGlossaryTermResponse>({
  input: { Identifier: IDENTIFIER, Name: GLOSSARY_NAME, ShortDescription: SHORT_DESCRIPTION, LongDescription: LONG_DESCRIPTION, ClientToken: CLIENT_TOKEN },
  errors: ["EntityNotFoundException", "AlreadyExistsException"],
  unmodelledErrors: TOKEN_UNMODELLED,
  run(ctx, input) {
    const term = findTerm(ctx, input.Identifier!);
    const glossary = ctx.backend.glossary.glossaries.get(term.GlossaryId)!;
    const name = input.Name;
    if (name !== undefined && name !== term.Name) {
      if (glossary.termNames.has(name)) throw ctx.error("AlreadyExistsException", `Glossary ${glossary.Name} already has a term named ${name}.`);
      glossary.termNames.delete(term.Name);
      glossary.termNames.set(name, term.Id);
      term.Name = name;
      glossary.terms.set(term.Id, term);
    }
    if (input.ShortDescription !== undefined) term.ShortDescription = input.ShortDescription;
    if (input.LongDescription !== undefined) term.LongDescription = input.LongDescription;
    return renderTerm(term);
  },
});

export const deleteGlossaryTerm = op<DeleteGlossaryTermRequest, DeleteGlossaryTermResponse>({
  input: { Identifier: IDENTIFIER },
  errors: [],
  run(ctx, input) {
    // DeleteGlossaryTerm lists no EntityNotFoundException: deleting a missing term succeeds.
    const state = ctx.backend.glossary;
    const term = state.terms.get(input.Identifier!);
    if (!term) return {};
    const glossary = state.glossaries.get(term.GlossaryId)!;
    detachTerm(state, term);
    glossary.terms.delete(term.Id);
    glossary.termNames.delete(term.Name);
    state.terms.delete(term.Id);
    return {};
  },
});

export const listGlossaryTerms = op<ListGlossaryTermsRequest, ListGlossaryTermsResponse>({
  input: { GlossaryIdentifier: IDENTIFIER, MaxResults: PAGE },
  errors: [],
  run(ctx, input) {
    // ListGlossaryTerms lists no EntityNotFoundException: an unknown glossary is invalid input.
    const glossary = ctx.backend.glossary.glossaries.get(input.GlossaryIdentifier!);
    if (!glossary) throw ctx.invalid(`Glossary ${input.GlossaryIdentifier} not found.`);
    const page = ctx.paginate(glossary.terms, { token: input.NextToken, maxResults: input.MaxResults, defaultSize: 100, query: glossary.Id });
    return { Items: page.items.map((t) => ({ Id: t.Id, Name: t.Name, ShortDescription: t.ShortDescription })), NextToken: page.nextToken };
  },
});
