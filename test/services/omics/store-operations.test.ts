import * as sdk from "@aws-sdk/client-omics";
import { aws } from "aws-doubles/vitest";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { rejectionOf } from "../../support/errors.js";
import { omics } from "./helpers.js";

/**
 * The sequence, reference, annotation and variant store families (read sets, references,
 * their import/export/activation jobs, uploads) are not modelled: each of their operations
 * answers NotImplemented (HTTP 501) without a network connection, and every other
 * operation of the client is in the operation table.
 */
const require = createRequire(import.meta.url);
const registry = require("../../../dist/services/registry.js") as typeof import("../../../src/services/registry.js");
const modelled = new Set(Object.keys(registry.findService("Omics")!.operations));

const clientOperations = Object.keys(sdk)
  .filter((name) => /^[A-Z][A-Za-z]+Command$/.test(name))
  .map((name) => name.slice(0, -"Command".length));
const unmodelled = clientOperations.filter((operation) => !modelled.has(operation)).sort();

/** Store families, by the words their operations are named with. */
const STORE_FAMILY = /ReadSet|Reference|SequenceStore|AnnotationStore|AnnotationImport|VariantStore|VariantImport/;

/** A value for every URI label a store operation has, so the SDK sends the request. */
const LABELS = { id: "1234567890", sequenceStoreId: "1234567890", referenceStoreId: "1234567890", name: "store", jobId: "1234567890", uploadId: "1234567890", versionName: "v1", partNumber: 1, partSource: "SOURCE1" };

describe("HealthOmics store operations", () => {
  it("are exactly the operations the fake does not model", () => {
    expect(unmodelled.length).toBe(107 - 49);
    expect(unmodelled.filter((operation) => !STORE_FAMILY.test(operation))).toEqual([]);
    expect(modelled.size).toBe(49);
  });

  for (const operation of unmodelled) {
    it(`${operation}: NotImplemented (501), no network connection`, async () => {
      const Command = (sdk as unknown as Record<string, new (input: object) => never>)[`${operation}Command`]!;
      const error = await rejectionOf(omics.send(new Command(LABELS)));
      expect(error.name).toBe("NotImplemented");
      expect(error.$metadata.httpStatusCode).toBe(501);
      expect(error.message).toContain(`Omics.${operation}`);
      expect(aws.calls().at(-1)).toMatchObject({ service: "Omics", operation, error: { name: "NotImplemented", statusCode: 501 } });
    });
  }
});
