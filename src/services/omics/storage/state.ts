import { randomDigits } from "../../../engine/ids.js";
import { OrderedTable } from "../../../engine/ordered-table.js";
import type { AnnotationStoreRecord } from "./annotation-stores.js";
import type { AnalyticsImportJob } from "./analytics-imports.js";
import type { ReferenceStoreRecord } from "./reference-stores.js";
import type { SequenceStoreRecord } from "./sequence-stores.js";
import type { VariantStoreRecord } from "./variant-stores.js";

/** Anything listed in creation order carries its sequence number. */
export interface Sequenced {
  seq: number;
}

export const tableBySeq = <V extends Sequenced>(): OrderedTable<V> => new OrderedTable<V>((value) => value.seq);

/**
 * The storage side of HealthOmics in one account and region: sequence stores (holding read
 * sets, uploads and their jobs), reference stores (references and their import jobs), and the
 * analytics stores (annotation stores with their versions, variant stores) with their import
 * jobs. Ids of the sequence and reference side are 10-digit strings unique in the backend.
 */
export class StorageState {
  readonly sequenceStores = tableBySeq<SequenceStoreRecord>();
  readonly referenceStores = tableBySeq<ReferenceStoreRecord>();
  /** Annotation and variant stores by name (their ARNs and operations use the name). */
  readonly annotationStores = tableBySeq<AnnotationStoreRecord>();
  readonly variantStores = tableBySeq<VariantStoreRecord>();
  /** Annotation and variant import jobs by id (a UUID). */
  readonly annotationImports = tableBySeq<AnalyticsImportJob>();
  readonly variantImports = tableBySeq<AnalyticsImportJob>();
  /**
   * Who uses each reference, by reference ARN: the ARNs of read sets and analytics stores that
   * name it. A reference in use cannot be deleted ("The read set associated with the reference
   * genome must first be deleted").
   */
  readonly referenceUsers = new Map<string, Set<string>>();
  private readonly ids = new Set<string>();

  /** A fresh 10-digit id (store, read set, reference, upload and job ids). */
  newId(): string {
    for (;;) {
      const id = randomDigits(10);
      if (!this.ids.has(id)) {
        this.ids.add(id);
        return id;
      }
    }
  }

  /** Whether an id is taken; `claim` takes a given one (declareStore's store ids). */
  isTaken(id: string): boolean {
    return this.ids.has(id);
  }

  claim(id: string): void {
    this.ids.add(id);
  }

  useReference(referenceArn: string | undefined, userArn: string): void {
    if (referenceArn === undefined) return;
    let users = this.referenceUsers.get(referenceArn);
    if (!users) this.referenceUsers.set(referenceArn, (users = new Set()));
    users.add(userArn);
  }

  releaseReference(referenceArn: string | undefined, userArn: string): void {
    if (referenceArn === undefined) return;
    const users = this.referenceUsers.get(referenceArn);
    users?.delete(userArn);
    if (users?.size === 0) this.referenceUsers.delete(referenceArn);
  }
}
