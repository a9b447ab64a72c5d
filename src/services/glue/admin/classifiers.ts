import type {
  Classifier,
  CreateClassifierRequest,
  CreateClassifierResponse,
  CsvClassifier,
  DeleteClassifierRequest,
  DeleteClassifierResponse,
  GetClassifierRequest,
  GetClassifierResponse,
  GetClassifiersRequest,
  GetClassifiersResponse,
  GrokClassifier,
  JsonClassifier,
  UpdateClassifierRequest,
  UpdateClassifierResponse,
  XMLClassifier,
} from "@aws-sdk/client-glue";
import { deepCopy } from "../../../engine/canonical.js";
import type { RequestContext } from "../../../engine/context.js";
import { list, oneOf, str, struct } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";
import { NAME, pageSize, VALIDATION_UNMODELLED } from "../shapes.js";
import { CSV_CUSTOM_DATATYPES, customPatternsProblem, grokPatternProblem, jsonPathProblem, rowTagProblem } from "./classifier-syntax.js";

type Kind = "GrokClassifier" | "XMLClassifier" | "JsonClassifier" | "CsvClassifier";
const KINDS: readonly Kind[] = ["GrokClassifier", "XMLClassifier", "JsonClassifier", "CsvClassifier"];

/** A classifier: exactly one of the four kinds, as GetClassifier returns it. */
export interface ClassifierRecord {
  kind: Kind;
  classifier: GrokClassifier | XMLClassifier | JsonClassifier | CsvClassifier;
}

const GROK_PATTERN = str({ min: 1, max: 2048, pattern: "[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\t]*" });
const CUSTOM_PATTERNS = str({ max: 16000, pattern: "[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*" });
const CSV_SYMBOL = str({ min: 1, max: 1, pattern: "[^\\r\\n]" });

const CSV = {
  Name: NAME,
  Delimiter: CSV_SYMBOL,
  QuoteSymbol: CSV_SYMBOL,
  ContainsHeader: oneOf("CsvHeaderOption"),
  Header: list(NAME),
  CustomDatatypes: list(NAME),
  Serde: oneOf("CsvSerdeOption"),
};

const CLASSIFIER_RULES = {
  GrokClassifier: struct({ Name: NAME, GrokPattern: GROK_PATTERN, CustomPatterns: CUSTOM_PATTERNS }),
  XMLClassifier: struct({ Name: NAME }),
  JsonClassifier: struct({ Name: NAME }),
  CsvClassifier: struct(CSV),
};

/** The one classifier kind a Create/UpdateClassifier request carries, and its members; refused when it carries none or several. */
function requestedKind(ctx: RequestContext<GlueBackend>, input: CreateClassifierRequest | UpdateClassifierRequest): { kind: Kind; given: Record<string, unknown> } {
  const kinds = KINDS.filter((kind) => input[kind] !== undefined);
  if (kinds.length === 1) return { kind: kinds[0]!, given: input[kinds[0]!]! as unknown as Record<string, unknown> };
  throw ctx.invalid(`Give exactly one of GrokClassifier, XMLClassifier, JsonClassifier or CsvClassifier: the request has ${kinds.length === 0 ? "none" : kinds.join(" and ")}.`);
}

/** What Glue refuses in a classifier's definition beyond member constraints. */
function definitionProblem(kind: Kind, c: Record<string, unknown>): string | undefined {
  switch (kind) {
    case "GrokClassifier":
      return (
        (c.GrokPattern !== undefined ? grokPatternProblem(c.GrokPattern as string) : undefined) ??
        (c.CustomPatterns ? customPatternsProblem(c.CustomPatterns as string) : undefined)
      );
    case "XMLClassifier":
      return c.RowTag !== undefined && c.RowTag !== "" ? rowTagProblem(c.RowTag as string) : undefined;
    case "JsonClassifier":
      return c.JsonPath !== undefined ? jsonPathProblem(c.JsonPath as string) : undefined;
    case "CsvClassifier": {
      const csv = c as unknown as CsvClassifier;
      if (csv.Delimiter !== undefined && csv.Delimiter === csv.QuoteSymbol) return `CsvClassifier: QuoteSymbol must differ from the Delimiter ('${csv.Delimiter}').`;
      if (csv.CustomDatatypes && csv.CustomDatatypes.length > 0 && csv.CustomDatatypeConfigured !== true) {
        return "CsvClassifier: CustomDatatypes are used only with CustomDatatypeConfigured true.";
      }
      const unknown = (csv.CustomDatatypes ?? []).find((type) => !(CSV_CUSTOM_DATATYPES as readonly string[]).includes(type));
      if (unknown !== undefined) return `CsvClassifier: '${unknown}' is not a supported custom datatype (${CSV_CUSTOM_DATATYPES.join(", ")}).`;
      if (csv.ContainsHeader === "ABSENT" && csv.Header && csv.Header.length > 0) return "CsvClassifier: a Header cannot be given when ContainsHeader is ABSENT.";
      return undefined;
    }
  }
}

/** A new CSV classifier's defaults, as GetClassifier shows them. */
function csvDefaults(csv: CsvClassifier): CsvClassifier {
  return { ...csv, Delimiter: csv.Delimiter ?? ",", QuoteSymbol: csv.QuoteSymbol ?? '"', ContainsHeader: csv.ContainsHeader ?? "UNKNOWN" };
}

function render(record: ClassifierRecord): Classifier {
  return { [record.kind]: deepCopy(record.classifier) } as Classifier;
}

function find(ctx: RequestContext<GlueBackend>, name: string): ClassifierRecord {
  const record = ctx.backend.admin.classifiers.get(name);
  if (!record) throw ctx.error("EntityNotFoundException", `Classifier ${name} not found.`);
  return record;
}

export const createClassifier = op<CreateClassifierRequest, CreateClassifierResponse>({
  input: CLASSIFIER_RULES,
  errors: ["AlreadyExistsException"],
  run(ctx, input) {
    const { kind, given } = requestedKind(ctx, input);
    const name = given.Name as string;
    // One namespace for every kind of classifier.
    if (ctx.backend.admin.classifiers.has(name)) throw ctx.error("AlreadyExistsException", `Classifier ${name} already exists.`);
    const problem = definitionProblem(kind, given);
    if (problem) throw ctx.invalid(problem);
    const now = ctx.now();
    const base = kind === "CsvClassifier" ? csvDefaults(given as unknown as CsvClassifier) : given;
    ctx.backend.admin.classifiers.set(name, {
      kind,
      classifier: { ...base, Name: name, CreationTime: now, LastUpdated: now, Version: 1 } as ClassifierRecord["classifier"],
    });
    return {};
  },
});

export const updateClassifier = op<UpdateClassifierRequest, UpdateClassifierResponse>({
  input: CLASSIFIER_RULES,
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const { kind, given: update } = requestedKind(ctx, input);
    const record = find(ctx, update.Name as string);
    if (record.kind !== kind) {
      throw ctx.invalid(`Classifier ${record.classifier.Name} is a ${record.kind}: update it with ${record.kind}, not ${kind}.`);
    }
    // Members given replace the current value; members left out keep it.
    const merged = { ...record.classifier, ...Object.fromEntries(Object.entries(update).filter(([, v]) => v !== undefined)) } as Record<string, unknown>;
    const problem = definitionProblem(record.kind, merged);
    if (problem) throw ctx.invalid(problem);
    record.classifier = { ...merged, LastUpdated: ctx.now(), Version: (record.classifier.Version ?? 1) + 1 } as ClassifierRecord["classifier"];
    return {};
  },
});

export const getClassifier = op<GetClassifierRequest, GetClassifierResponse>({
  input: { Name: NAME },
  errors: ["EntityNotFoundException"],
  unmodelledErrors: VALIDATION_UNMODELLED,
  run(ctx, input) {
    return { Classifier: render(find(ctx, input.Name!)) };
  },
});

export const getClassifiers = op<GetClassifiersRequest, GetClassifiersResponse>({
  input: { MaxResults: pageSize(1000) },
  errors: [],
  unmodelledErrors: VALIDATION_UNMODELLED,
  run(ctx, input) {
    const page = ctx.paginate(ctx.backend.admin.classifiers, { token: input.NextToken, maxResults: input.MaxResults, defaultSize: 100 });
    return { Classifiers: page.items.map(render), NextToken: page.nextToken };
  },
});

export const deleteClassifier = op<DeleteClassifierRequest, DeleteClassifierResponse>({
  input: { Name: NAME },
  errors: ["EntityNotFoundException"],
  unmodelledErrors: VALIDATION_UNMODELLED,
  run(ctx, input) {
    ctx.backend.admin.classifiers.delete(find(ctx, input.Name!).classifier.Name!);
    return {};
  },
});
