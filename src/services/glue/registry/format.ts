import { canonicalJson } from "../../../engine/canonical.js";
import { AVRO } from "./avro.js";
import { JSON_SCHEMA } from "./json-schema.js";
import { PROTOBUF } from "./protobuf.js";

export type DataFormat = "AVRO" | "JSON" | "PROTOBUF";

/**
 * What the registry needs of a data format: a parser that refuses what Glue refuses, and the
 * one question every compatibility mode is built from: which reasons (if any) stop a reader
 * holding one schema from reading data written with another.
 */
export interface FormatSupport<Model> {
  /** The parsed schema, and a value that is equal for two definitions Glue would take as the same. */
  parse(definition: string): { model: Model; canonical: unknown } | { error: string };
  /** Why data written with `writer` cannot be read with `reader`; empty when it can. */
  readerProblems(reader: Model, writer: Model): string[];
}

const FORMATS: Record<DataFormat, FormatSupport<unknown>> = {
  AVRO: AVRO as FormatSupport<unknown>,
  JSON: JSON_SCHEMA as FormatSupport<unknown>,
  PROTOBUF: PROTOBUF as FormatSupport<unknown>,
};

/** A definition as the registry keeps it: its text, its parsed model and its fingerprint. */
export interface ParsedDefinition {
  readonly format: DataFormat;
  readonly text: string;
  readonly model: unknown;
  /** Equal for definitions that differ only in whitespace or member order. */
  readonly fingerprint: string;
}

/** Parses a definition, or says why Glue would refuse it (the text CheckSchemaVersionValidity reports). */
export function parseDefinition(format: DataFormat, text: string): ParsedDefinition | { error: string } {
  const parsed = FORMATS[format].parse(text);
  if ("error" in parsed) return { error: parsed.error };
  return { format, text, model: parsed.model, fingerprint: canonicalJson(parsed.canonical) };
}

/** The message of the InvalidInputException a bad definition gets. */
export function invalidDefinitionMessage(format: DataFormat, error: string): string {
  return `Schema definition of ${format} data format is invalid: ${error}`;
}

/** Why a reader with `reader` cannot read data written with `writer` (same format). */
export function readerProblems(reader: ParsedDefinition, writer: ParsedDefinition): string[] {
  return FORMATS[reader.format].readerProblems(reader.model, writer.model);
}
