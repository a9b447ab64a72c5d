import {
  BatchCreatePartitionCommand,
  CreateDatabaseCommand,
  CreateTableCommand,
  type Column,
  type CreateTableRequest,
  type TableInput,
} from "@aws-sdk/client-glue";
import { glue } from "../helpers.js";

export { glue, pollUntil, ROLE } from "../helpers.js";

export const ACCOUNT = "123456789012";

export function createDatabase(name: string, extra: Partial<CreateDatabaseCommand["input"]> = {}) {
  return glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: name }, ...extra }));
}

export const columns = (...specs: string[]): Column[] =>
  specs.map((spec) => {
    const [name, type] = spec.split(":");
    return { Name: name!, Type: type ?? "string" };
  });

/** A table in `database` with columns id:bigint and amount:double, partitioned by `keys` ("year:int", "region"…). */
export function createTable(database: string, name: string, keys: string[] = [], extra: Partial<TableInput> = {}, request: Partial<CreateTableRequest> = {}) {
  return glue.send(
    new CreateTableCommand({
      DatabaseName: database,
      TableInput: {
        Name: name,
        TableType: "EXTERNAL_TABLE",
        StorageDescriptor: { Columns: columns("id:bigint", "amount:double"), Location: `s3://lake/${database}/${name}/` },
        PartitionKeys: columns(...keys),
        ...extra,
      },
      ...request,
    }),
  );
}

/** Creates partitions with these values lists, 100 per BatchCreatePartition call; fails on any per-item error. */
export async function addPartitions(database: string, table: string, values: string[][]) {
  for (let i = 0; i < values.length; i += 100) {
    const { Errors } = await glue.send(
      new BatchCreatePartitionCommand({
        DatabaseName: database,
        TableName: table,
        PartitionInputList: values.slice(i, i + 100).map((v) => ({ Values: v, StorageDescriptor: { Location: `s3://lake/${database}/${table}/${v.join("/")}/` } })),
      }),
    );
    if (Errors && Errors.length > 0) throw new Error(`BatchCreatePartition errors: ${JSON.stringify(Errors)}`);
  }
}

/** Every item of an SDK paginator, and how many pages it took. */
export async function collect<T, P>(pages: AsyncIterable<P>, items: (page: P) => T[] | undefined): Promise<{ items: T[]; pages: number }> {
  const out: T[] = [];
  let count = 0;
  for await (const page of pages) {
    count++;
    out.push(...(items(page) ?? []));
  }
  return { items: out, pages: count };
}
