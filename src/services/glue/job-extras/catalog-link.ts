import type { GlueBackend } from "../backend.js";

/**
 * GetMapping needs the columns of Data Catalog tables, which another family models. This is
 * the one seam between them: the catalog registers how to read a table's columns
 * (`linkCatalogColumns`), and until it does, every table reads as missing.
 */
export interface CatalogColumn {
  Name: string;
  Type?: string | undefined;
}

export type CatalogColumnsReader = (backend: GlueBackend, databaseName: string, tableName: string) => readonly CatalogColumn[] | undefined;

let reader: CatalogColumnsReader = () => undefined;

export function linkCatalogColumns(next: CatalogColumnsReader): void {
  reader = next;
}

export function tableColumns(backend: GlueBackend, databaseName: string, tableName: string): readonly CatalogColumn[] | undefined {
  return reader(backend, databaseName, tableName);
}
