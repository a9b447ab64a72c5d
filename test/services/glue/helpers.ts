import { CreateCrawlerCommand, CreateJobCommand, type CreateCrawlerRequest, type CreateJobRequest, GlueClient } from "@aws-sdk/client-glue";

export const glue = new GlueClient({});
export const ROLE = "arn:aws:iam::123456789012:role/GlueRole";
export const arnOf = (type: string, name: string) => `arn:aws:glue:us-east-1:123456789012:${type}/${name}`;

export function createJob(name: string, extra: Partial<CreateJobRequest> = {}) {
  return glue.send(new CreateJobCommand({ Name: name, Role: ROLE, Command: { Name: "glueetl", ScriptLocation: `s3://scripts/${name}.py` }, ...extra }));
}

export function createCrawler(name: string, extra: Partial<CreateCrawlerRequest> = {}) {
  return glue.send(new CreateCrawlerCommand({ Name: name, Role: ROLE, DatabaseName: "db", Targets: { S3Targets: [{ Path: `s3://data/${name}/` }] }, ...extra }));
}

/** Reads until `done` holds (each read is one request, as a polling loop makes); returns the last value and the reads used. */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, maxReads = 20): Promise<{ value: T; reads: number }> {
  for (let reads = 1; reads <= maxReads; reads++) {
    const value = await read();
    if (done(value)) return { value, reads };
  }
  throw new Error(`condition not reached within ${maxReads} reads`);
}
