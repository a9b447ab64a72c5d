import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Read access to the AWS Smithy models in ../shared/aws-models, used by tests as an oracle.
 * They are reference data outside this repository; where they are absent the tests that need
 * them skip with a message saying so.
 */
export const MODELS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "shared", "aws-models");
export const MODELS_AVAILABLE = existsSync(MODELS_DIR);
export const MODELS_MISSING_NOTE = `skipped: the AWS models were not found at ${MODELS_DIR}`;

interface ShapeRef {
  target: string;
  traits?: Record<string, unknown>;
}

export interface Shape {
  type: string;
  members?: Record<string, ShapeRef>;
  member?: ShapeRef;
  key?: ShapeRef;
  value?: ShapeRef;
  input?: ShapeRef;
  output?: ShapeRef;
  errors?: ShapeRef[];
  traits?: Record<string, unknown>;
}

export class SmithyModel {
  readonly namespace: string;
  /** The service's SigV4 signing name (its `aws.auth#sigv4` trait): the service part of a request's credential scope. */
  readonly signingName: string | undefined;

  constructor(private readonly shapes: Record<string, Shape>) {
    const service = Object.keys(shapes).find((id) => shapes[id]!.type === "service")!;
    this.namespace = service.split("#")[0]!;
    this.signingName = (shapes[service]!.traits?.["aws.auth#sigv4"] as { name?: string } | undefined)?.name;
  }

  static load(prefix: string): SmithyModel {
    const file = readdirSync(MODELS_DIR).find((f) => f.startsWith(`${prefix}-`));
    if (!file) throw new Error(`no model for ${prefix} in ${MODELS_DIR}`);
    return new SmithyModel(JSON.parse(readFileSync(join(MODELS_DIR, file), "utf8")).shapes);
  }

  shape(id: string): Shape | undefined {
    return this.shapes[id.includes("#") ? id : `${this.namespace}#${id}`];
  }

  operation(name: string): Shape | undefined {
    const shape = this.shape(name);
    return shape?.type === "operation" ? shape : undefined;
  }

  errorsOf(operation: string): string[] {
    return (this.operation(operation)?.errors ?? []).map((e) => e.target.split("#")[1]!);
  }

  /** Enum values of a shape (Smithy 2 `enum` shapes, or strings with the @enum trait). */
  enumValues(id: string): string[] | undefined {
    const shape = this.shape(id);
    if (shape?.type === "enum") {
      return Object.entries(shape.members ?? {}).map(([name, m]) => (m.traits?.["smithy.api#enumValue"] as string | undefined) ?? name);
    }
    const legacy = shape?.traits?.["smithy.api#enum"] as Array<{ value: string }> | undefined;
    return legacy?.map((e) => e.value);
  }
}
