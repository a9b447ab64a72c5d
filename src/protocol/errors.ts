import { NormalizedSchema } from "@smithy/core/schema";
import { sdkOperationSchema } from "../engine/sdk.js";

/** What the wire writer needs to know about a modelled error shape. */
export interface ErrorShapeInfo {
  statusCode: number;
  fault: "client" | "server";
  /** "Message" (Glue) or "message" (the others). */
  messageMember: string;
  members: readonly string[];
}

interface RegistryLike {
  getSchema(shapeId: string): unknown;
}

interface ClientConfigLike {
  protocol?: { options?: { errorTypeRegistries?: RegistryLike[] } };
}

function describe(schema: unknown): ErrorShapeInfo | undefined {
  try {
    const ns = NormalizedSchema.of(schema as Parameters<typeof NormalizedSchema.of>[0]);
    const traits = ns.getMergedTraits() as { error?: "client" | "server"; httpError?: number };
    const members = [...ns.structIterator()].map(([name]) => name);
    const fault = traits.error ?? "client";
    return {
      fault,
      statusCode: traits.httpError ?? (fault === "server" ? 500 : 400),
      messageMember: members.includes("Message") ? "Message" : "message",
      members,
    };
  } catch {
    return undefined;
  }
}

/**
 * Status code and fault of an error shape, read from the SDK's error schema (the client's
 * own registry first, then the SDK package's exported `<Name>$` schema).
 */
export function errorShapeInfo(config: ClientConfigLike | undefined, namespace: string, sdkPackage: string, code: string): ErrorShapeInfo {
  for (const registry of config?.protocol?.options?.errorTypeRegistries ?? []) {
    let schema: unknown;
    try {
      schema = registry.getSchema(`${namespace}#${code}`);
    } catch {
      schema = undefined;
    }
    const info = schema ? describe(schema) : undefined;
    if (info) return info;
  }
  const exported = sdkOperationSchema(sdkPackage, code);
  const info = exported ? describe(exported) : undefined;
  return info ?? { statusCode: 400, fault: "client", messageMember: "message", members: [] };
}
