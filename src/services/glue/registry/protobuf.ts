import type * as Protobuf from "protobufjs";
import type { FormatSupport } from "./format.js";
import { parserMessage } from "./parser-message.js";

/**
 * PROTOBUF definitions: one .proto file in proto2 or proto3 syntax, parsed by `protobufjs`.
 * Glue supports both syntaxes "without support for extensions or groups", so those are
 * refused; every type a field names must resolve inside the file (imports of the
 * google/protobuf well-known types resolve; other imports cannot, as the registry holds one
 * file per version).
 *
 * Compatibility is decided on the wire format, the rules protobuf's own documentation gives
 * for updating a message type: a reader skips fields it does not know, so fields may be
 * added or removed; a field number must keep a wire-compatible type (int32, uint32, int64,
 * uint64 and bool are interchangeable, as are sint32/sint64, fixed32/sfixed32,
 * fixed64/sfixed64, string/bytes, and enums with the integer types), its cardinality
 * (repeated or not) and its oneof; a proto2 `required` field must always be written; a
 * message type may not disappear; a proto2 (closed) enum may not lose a value.
 */

let library: typeof Protobuf | undefined;
function protobuf(): typeof Protobuf {
  return (library ??= require("protobufjs") as typeof Protobuf);
}

interface ProtoModel {
  syntax: "proto2" | "proto3";
  types: Map<string, Protobuf.Type>;
  enums: Map<string, Protobuf.Enum>;
}

/** Comments and string literals, matched in one pass so that neither is read inside the other. */
const COMMENTS_AND_STRINGS = /\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g;

/** The source without comments and, unless `keepStrings`, without string contents: for the checks protobufjs does not make. */
function codeOnly(source: string, keepStrings = false): string {
  return source.replace(COMMENTS_AND_STRINGS, (lexeme) => (lexeme.startsWith("/") ? " " : keepStrings ? lexeme : '""'));
}

function collect(namespace: Protobuf.NamespaceBase, types: Map<string, Protobuf.Type>, enums: Map<string, Protobuf.Enum>, pb: typeof Protobuf): void {
  for (const nested of namespace.nestedArray) {
    if (nested instanceof pb.Type) types.set(nested.fullName, nested);
    else if (nested instanceof pb.Enum) enums.set(nested.fullName, nested);
    if (nested instanceof pb.Namespace) collect(nested, types, enums, pb);
  }
}

function parse(definition: string): { model: ProtoModel; canonical: unknown } | { error: string } {
  const pb = protobuf();
  const code = codeOnly(definition);
  // A statement starts a line after spaces or tabs only: `^\s*` would run on across newlines
  // from every line start, and take quadratic time on a definition of many blank lines.
  // The syntax statement itself, not the first `syntax = "…"` of the text (a comment may have one);
  // Protobuf quotes strings with " or ' alike.
  const syntaxMatch = /^[ \t]*syntax\s*=\s*(["'])(proto2|proto3)\1\s*;/m.exec(codeOnly(definition, true)) ?? undefined;
  if (/^[ \t]*edition\s*=/m.test(code)) return { error: "editions are not supported: use syntax = \"proto2\" or \"proto3\"." };
  if (/^[ \t]*syntax\s*=/m.test(code) && !syntaxMatch) return { error: "syntax must be \"proto2\" or \"proto3\"." };
  if (/\bgroup\s+[A-Za-z_]\w*\s*=/.test(code)) return { error: "groups are not supported." };
  if (/\bextend\s+[\w.]+\s*\{/.test(code) || /\bextensions\s+\d/.test(code)) return { error: "extensions are not supported." };
  let parsed: Protobuf.IParserResult;
  try {
    parsed = pb.parse(definition, { keepCase: true, alternateCommentMode: true });
  } catch (error) {
    return { error: parserMessage(error) };
  }
  const root = parsed.root;
  for (const file of [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])]) {
    const common = pb.common.get(file) as { nested?: Record<string, unknown> } | undefined;
    if (!common?.nested) return { error: `import "${file}" cannot be resolved: a schema version is one file, only the google/protobuf well-known types can be imported.` };
    try {
      root.addJSON(common.nested as Record<string, Protobuf.AnyNestedObject>);
    } catch {
      // Imported twice: already there.
    }
  }
  try {
    root.resolveAll();
  } catch (error) {
    return { error: parserMessage(error) };
  }
  const types = new Map<string, Protobuf.Type>();
  const enums = new Map<string, Protobuf.Enum>();
  collect(root, types, enums, pb);
  const own = [...types.keys()].filter((name) => !name.startsWith(".google.protobuf."));
  if (own.length === 0) return { error: "the definition declares no message type." };
  for (const name of own) {
    const type = types.get(name)!;
    const numbers = new Set<number>();
    for (const field of type.fieldsArray) {
      if (numbers.has(field.id)) return { error: `field number ${field.id} is used twice in message ${name.slice(1)}.` };
      numbers.add(field.id);
    }
  }
  const syntax = (syntaxMatch?.[2] ?? "proto2") as ProtoModel["syntax"];
  return {
    model: { syntax, types, enums },
    canonical: { syntax, package: parsed.package ?? null, imports: parsed.imports ?? [], root: root.toJSON() },
  };
}

const WIRE_GROUPS = [["int32", "uint32", "int64", "uint64", "bool", "enum"], ["sint32", "sint64"], ["fixed32", "sfixed32"], ["fixed64", "sfixed64"], ["string", "bytes"]];

/** The wire kind of a field: its scalar type, "enum", or the message's full name. */
function kindOf(field: Protobuf.Field): string {
  if (field.resolvedType && "values" in field.resolvedType) return "enum";
  if (field.resolvedType) return field.resolvedType.fullName;
  return field.type;
}

function wireCompatible(reader: string, writer: string): boolean {
  if (reader === writer) return true;
  return WIRE_GROUPS.some((group) => group.includes(reader) && group.includes(writer));
}

/** The other field numbers sharing a real oneof with this field (synthetic proto3 `optional` oneofs excluded). */
function oneofPartners(field: Protobuf.Field): Set<number> {
  const oneof = field.partOf;
  if (!oneof || oneof.fieldsArray.length < 2) return new Set();
  return new Set(oneof.fieldsArray.filter((f) => f !== field).map((f) => f.id));
}

function readerProblems(reader: ProtoModel, writer: ProtoModel): string[] {
  const problems: string[] = [];
  if (reader.syntax !== writer.syntax) problems.push(`syntax changed from ${writer.syntax} to ${reader.syntax}.`);
  for (const [name, writerType] of writer.types) {
    if (name.startsWith(".google.protobuf.")) continue;
    const message = name.slice(1);
    const readerType = reader.types.get(name);
    if (!readerType) {
      problems.push(`message ${message} is written but not in the reader's schema.`);
      continue;
    }
    const writerFields = new Map(writerType.fieldsArray.map((f) => [f.id, f]));
    for (const writerField of writerType.fieldsArray) {
      const readerField = readerType.fieldsById[writerField.id];
      if (!readerField) continue; // an unknown field is skipped by the reader
      const where = `${message} field ${writerField.id} (${readerField.name})`;
      if (readerField.map !== writerField.map) problems.push(`${where}: map and non-map field.`);
      if (readerField.repeated !== writerField.repeated && !readerField.map) problems.push(`${where}: repeated and singular field.`);
      const [readerKind, writerKind] = [kindOf(readerField), kindOf(writerField)];
      if (!wireCompatible(readerKind, writerKind)) problems.push(`${where}: type ${writerKind.replace(/^\./, "")} written, the reader expects ${readerKind.replace(/^\./, "")}.`);
      if (readerField.map && writerField.map && (readerField as unknown as Protobuf.MapField).keyType !== (writerField as unknown as Protobuf.MapField).keyType) problems.push(`${where}: map key type changed.`);
      if (readerField.required && !writerField.required) problems.push(`${where}: required by the reader, optional for the writer.`);
      const partners = oneofPartners(readerField);
      const writerPartners = oneofPartners(writerField);
      for (const id of partners) {
        if (writerFields.has(id) && !writerPartners.has(id)) problems.push(`${where}: now shares a oneof with field ${id}, which the writer may set alongside it.`);
      }
    }
    for (const readerField of readerType.fieldsArray) {
      if (!writerFields.has(readerField.id) && readerField.required) problems.push(`${message} field ${readerField.id} (${readerField.name}): required by the reader, never written.`);
    }
  }
  if (reader.syntax === "proto2") {
    for (const [name, writerEnum] of writer.enums) {
      const readerEnum = reader.enums.get(name);
      if (!readerEnum || name.startsWith(".google.protobuf.")) continue;
      const known = new Set(Object.values(readerEnum.values));
      for (const [label, value] of Object.entries(writerEnum.values)) {
        if (!known.has(value)) problems.push(`enum ${name.slice(1)} value ${label} = ${value} is written, the reader's closed enum does not have it.`);
      }
    }
  }
  return problems;
}

export const PROTOBUF: FormatSupport<ProtoModel> = { parse, readerProblems };
