/**
 * Form type schemas: Glue form types are written in Smithy IDL ("structure DataResidency {
 * region: String retentionDays: Integer }", Glue developer guide, "Attaching forms"). This is a
 * parser for the part of the IDL a form uses: an optional `$version` and `namespace`, then
 * structure and list shapes whose members target simple types or each other, with `@required`
 * (and other traits, which are accepted and ignored). A form's JSON content is then checked
 * against the structure named like the form type. No npm library parses Smithy IDL.
 */

export interface FormSchema {
  /** The shapes by name. */
  shapes: Map<string, Shape>;
}

type Shape = { kind: "structure"; members: Map<string, { target: string; required: boolean }> } | { kind: "list"; member: string };

const SIMPLE = new Set(["String", "Integer", "Long", "Short", "Byte", "Float", "Double", "Boolean", "Timestamp", "BigInteger", "BigDecimal", "Document"]);

export class FormSchemaError extends Error {}

type Tok = { text: string; line: number };

function tokenize(source: string): Tok[] {
  const tokens: Tok[] = [];
  const re = /\s+|\/\/[^\n]*|"(?:[^"\\]|\\.)*"|[A-Za-z_$][A-Za-z0-9_.#$]*|@|[{}():,=\[\]]|./gy;
  let line = 1;
  let match: RegExpExecArray | null;
  while ((match = re.exec(source))) {
    const text = match[0];
    if (/^\s/.test(text) || text.startsWith("//")) {
      line += text.split("\n").length - 1;
      continue;
    }
    if (text.length === 1 && !/[A-Za-z_@{}():,=\[\]"$]/.test(text)) throw new FormSchemaError(`unexpected character '${text}' on line ${line}`);
    tokens.push({ text, line });
  }
  return tokens;
}

/** Parses a form type schema; throws FormSchemaError saying what is wrong. */
export function parseFormSchema(source: string): FormSchema {
  const tokens = tokenize(source);
  let i = 0;
  const peek = () => tokens[i];
  const next = (what: string) => {
    const token = tokens[i++];
    if (!token) throw new FormSchemaError(`expected ${what} but the schema ended`);
    return token;
  };
  const expect = (text: string) => {
    const token = next(`'${text}'`);
    if (token.text !== text) throw new FormSchemaError(`expected '${text}' but found '${token.text}' on line ${token.line}`);
  };
  /** Skips a trait: @name, @name(...) with balanced parentheses. */
  const trait = (): string => {
    expect("@");
    const name = next("a trait name").text;
    if (peek()?.text === "(") {
      let depth = 0;
      do {
        const token = next("')'");
        if (token.text === "(") depth++;
        if (token.text === ")") depth--;
      } while (depth > 0);
    }
    return name;
  };
  const shapes = new Map<string, Shape>();
  while (i < tokens.length) {
    const head = peek()!;
    if (head.text === "$version") {
      i++;
      expect(":");
      next("a version string");
      continue;
    }
    if (head.text === "namespace" || head.text === "use") {
      i++;
      next("a name");
      continue;
    }
    if (head.text === "@") {
      trait();
      continue;
    }
    if (head.text !== "structure" && head.text !== "list") throw new FormSchemaError(`expected a structure or list shape but found '${head.text}' on line ${head.line}`);
    i++;
    const name = next("a shape name");
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name.text)) throw new FormSchemaError(`'${name.text}' is not a shape name (line ${name.line})`);
    if (shapes.has(name.text)) throw new FormSchemaError(`shape ${name.text} is defined twice`);
    expect("{");
    const members = new Map<string, { target: string; required: boolean }>();
    while (peek()?.text !== "}") {
      let required = false;
      while (peek()?.text === "@") if (trait() === "required") required = true;
      const member = next("a member name");
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(member.text)) throw new FormSchemaError(`'${member.text}' is not a member name (line ${member.line})`);
      expect(":");
      const target = next("a member type");
      if (members.has(member.text)) throw new FormSchemaError(`member ${member.text} of ${name.text} is defined twice`);
      members.set(member.text, { target: target.text, required });
      if (peek()?.text === ",") i++;
    }
    expect("}");
    if (head.text === "list") {
      const member = members.get("member");
      if (!member || members.size !== 1) throw new FormSchemaError(`list ${name.text} must have exactly one member named 'member'`);
      shapes.set(name.text, { kind: "list", member: member.target });
    } else {
      shapes.set(name.text, { kind: "structure", members });
    }
  }
  if (![...shapes.values()].some((s) => s.kind === "structure")) throw new FormSchemaError("the schema defines no structure");
  for (const [name, shape] of shapes) {
    const targets = shape.kind === "list" ? [shape.member] : [...shape.members.values()].map((m) => m.target);
    for (const target of targets) {
      if (!SIMPLE.has(target) && !shapes.has(target)) throw new FormSchemaError(`${name} refers to ${target}, which is neither a simple type nor a shape of the schema`);
    }
  }
  return { shapes };
}

/** The structure a form's content must match: the one named like the form type, else the first. */
export function rootStructure(schema: FormSchema, formTypeName: string): string {
  if (schema.shapes.get(formTypeName)?.kind === "structure") return formTypeName;
  for (const [name, shape] of schema.shapes) if (shape.kind === "structure") return name;
  throw new FormSchemaError("the schema defines no structure");
}

/** How deep a form's content may nest structures and lists (a shape that refers to itself could otherwise nest without end). */
export const MAX_CONTENT_DEPTH = 100;

function checkValue(schema: FormSchema, target: string, value: unknown, path: string, depth = 0): string | undefined {
  if (value === null) return undefined;
  // The root has an empty path: messages name it "the content".
  const where = path === "" ? "the content" : path;
  switch (target) {
    case "String":
      return typeof value === "string" ? undefined : `${where} must be a string`;
    case "Integer":
    case "Long":
    case "Short":
    case "Byte":
    case "BigInteger":
      return typeof value === "number" && Number.isInteger(value) ? undefined : `${where} must be a whole number`;
    case "Float":
    case "Double":
    case "BigDecimal":
      return typeof value === "number" ? undefined : `${where} must be a number`;
    case "Boolean":
      return typeof value === "boolean" ? undefined : `${where} must be a boolean`;
    case "Timestamp":
      return typeof value === "number" || (typeof value === "string" && !Number.isNaN(Date.parse(value))) ? undefined : `${where} must be a timestamp (epoch seconds or an ISO 8601 date)`;
    case "Document":
      return undefined;
  }
  const shape = schema.shapes.get(target)!;
  if (depth >= MAX_CONTENT_DEPTH) return `${where} nests structures and lists more than ${MAX_CONTENT_DEPTH} deep`;
  if (shape.kind === "list") {
    if (!Array.isArray(value)) return `${where} must be a list`;
    for (let k = 0; k < value.length; k++) {
      const problem = checkValue(schema, shape.member, value[k], `${path}[${k}]`, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  if (typeof value !== "object" || Array.isArray(value)) return `${where} must be an object`;
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) if (!shape.members.has(key)) return `${path === "" ? "" : `${path}.`}${key} is not a member of ${target}`;
  for (const [member, spec] of shape.members) {
    const at = path === "" ? member : `${path}.${member}`;
    // Own members only: a member named like an Object.prototype property (constructor, toString) is absent unless given.
    if (!Object.hasOwn(object, member) || object[member] === undefined || object[member] === null) {
      if (spec.required) return `${at} is required by ${target}`;
      continue;
    }
    const problem = checkValue(schema, spec.target, object[member], at, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * Why a form's JSON content does not fit its form type's schema (undefined when it does). With
 * `iterable`, the content may also be a JSON array of such objects: the items of an iterable form.
 */
export function contentProblem(schema: FormSchema, formTypeName: string, content: string, iterable = false): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    return "the content is not JSON";
  }
  const root = rootStructure(schema, formTypeName);
  if (iterable && Array.isArray(value)) {
    for (let k = 0; k < value.length; k++) {
      const problem = checkValue(schema, root, value[k], `[${k}]`);
      if (problem) return problem;
    }
    return undefined;
  }
  return checkValue(schema, root, value, "");
}
