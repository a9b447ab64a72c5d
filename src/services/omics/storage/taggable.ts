import type { OmicsBackend } from "../backend.js";

/**
 * The storage resources that carry tags, by ARN resource path (TagResource, UntagResource and
 * ListTagsForResource find them here): stores, read sets, references and annotation store
 * versions. Jobs have no ARN and carry no tags; what an import creates takes the tags of its
 * source.
 */
export const STORAGE_TAGGABLE: Array<{ pattern: RegExp; what: string; exists(backend: OmicsBackend, match: RegExpExecArray): boolean }> = [
  { pattern: /^sequenceStore\/([0-9]+)$/, what: "sequence store", exists: (b, m) => b.storage.sequenceStores.has(m[1]!) },
  { pattern: /^sequenceStore\/([0-9]+)\/readSet\/([0-9]+)$/, what: "read set", exists: (b, m) => b.storage.sequenceStores.get(m[1]!)?.readSets.has(m[2]!) ?? false },
  { pattern: /^referenceStore\/([0-9]+)$/, what: "reference store", exists: (b, m) => b.storage.referenceStores.has(m[1]!) },
  { pattern: /^referenceStore\/([0-9]+)\/reference\/([0-9]+)$/, what: "reference", exists: (b, m) => b.storage.referenceStores.get(m[1]!)?.references.has(m[2]!) ?? false },
  { pattern: /^annotationStore\/([^/]+)$/, what: "annotation store", exists: (b, m) => b.storage.annotationStores.has(m[1]!) },
  { pattern: /^annotationStore\/([^/]+)\/version\/([^/]+)$/, what: "annotation store version", exists: (b, m) => b.storage.annotationStores.get(m[1]!)?.versions.has(m[2]!) ?? false },
  { pattern: /^variantStore\/([^/]+)$/, what: "variant store", exists: (b, m) => b.storage.variantStores.has(m[1]!) },
];

/** Whether a shareable store exists (CreateShare of an annotation or variant store). */
export function shareableStoreExists(backend: OmicsBackend, resourceType: string, name: string): boolean {
  if (resourceType === "ANNOTATION_STORE") return backend.storage.annotationStores.has(name);
  if (resourceType === "VARIANT_STORE") return backend.storage.variantStores.has(name);
  return false;
}
