import type * as Avsc from "avsc";
import type { FormatSupport } from "./format.js";
import { parserMessage } from "./parser-message.js";

/**
 * AVRO definitions, through `avsc` (a well-kept Avro implementation for JavaScript). Glue
 * parses Avro 1.10/1.11 schemas with the Java library; avsc follows the same specification:
 * names are required on records, enums and fixed types, defaults must match their field's
 * type, and two schemas are compatible exactly when the Avro schema-resolution rules let a
 * reader with one schema decode data written with the other (`Type.createResolver`).
 */

let library: typeof Avsc | undefined;
/** Loaded on first use: a process that never registers an Avro schema never pays for avsc. */
function avsc(): typeof Avsc {
  return (library ??= require("avsc") as typeof Avsc);
}

interface AvroModel {
  type: Avsc.Type;
}

function parse(definition: string): { model: AvroModel; canonical: unknown } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(definition);
  } catch (error) {
    return { error: parserMessage(error) };
  }
  try {
    // Anonymous records are refused as the Java library refuses them; each parse gets its own
    // name registry, so two versions defining the same record name never collide.
    const type = avsc().Type.forSchema(json as Avsc.Schema, { noAnonymousTypes: true, registry: {} });
    return { model: { type }, canonical: json };
  } catch (error) {
    return { error: parserMessage(error) };
  }
}

export const AVRO: FormatSupport<AvroModel> = {
  parse,
  readerProblems(reader, writer) {
    try {
      reader.type.createResolver(writer.type);
      return [];
    } catch (error) {
      return [parserMessage(error)];
    }
  },
};
