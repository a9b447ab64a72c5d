import * as assets from "./assets.js";
import * as associations from "./associations.js";
import * as glossaries from "./glossaries.js";
import * as search from "./search.js";
import * as types from "./types.js";

/** Business context: glossaries and terms, form and asset types, assets, attachments, search. */
export const GLOSSARY_OPERATIONS = {
  CreateGlossary: glossaries.createGlossary,
  GetGlossary: glossaries.getGlossary,
  UpdateGlossary: glossaries.updateGlossary,
  DeleteGlossary: glossaries.deleteGlossary,
  ListGlossaries: glossaries.listGlossaries,
  CreateGlossaryTerm: glossaries.createGlossaryTerm,
  GetGlossaryTerm: glossaries.getGlossaryTerm,
  UpdateGlossaryTerm: glossaries.updateGlossaryTerm,
  DeleteGlossaryTerm: glossaries.deleteGlossaryTerm,
  ListGlossaryTerms: glossaries.listGlossaryTerms,
  AssociateGlossaryTerms: associations.associateGlossaryTerms,
  DisassociateGlossaryTerms: associations.disassociateGlossaryTerms,

  PutFormType: types.putFormType,
  GetFormType: types.getFormType,
  DeleteFormType: types.deleteFormType,
  ListFormTypes: types.listFormTypes,
  PutAssetType: types.putAssetType,
  GetAssetType: types.getAssetType,
  DeleteAssetType: types.deleteAssetType,
  ListAssetTypes: types.listAssetTypes,

  PutAsset: assets.putAsset,
  GetAsset: assets.getAsset,
  UpdateAsset: assets.updateAsset,
  DeleteAsset: assets.deleteAsset,
  PutAttachment: assets.putAttachment,
  DeleteAttachment: assets.deleteAttachment,
  ListIterableForms: assets.listIterableForms,
  BatchGetIterableForms: assets.batchGetIterableForms,
  SearchAssets: search.searchAssets,
};
