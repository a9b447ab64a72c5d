import { AwsDoublesUsageError } from "../engine/errors.js";

/**
 * Accounts are chosen by credentials, as in AWS: a client built with
 * `credentials: aws.credentialsFor("210987654321")` acts in that account; any other
 * credentials act in the mock's default account.
 */
const PREFIX = "ADBL";

export interface FakeCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export function credentialsFor(accountId: string): FakeCredentials {
  if (typeof accountId !== "string" || !/^\d{12}$/.test(accountId)) throw new AwsDoublesUsageError(`credentialsFor(accountId) needs a 12-digit account id; got ${JSON.stringify(accountId)}`);
  return { accessKeyId: `${PREFIX}${accountId}`, secretAccessKey: "aws-doubles/fake/secret" };
}

export function accountFromAccessKey(accessKeyId: unknown): string | undefined {
  if (typeof accessKeyId !== "string") return undefined;
  const match = /^ADBL(\d{12})$/.exec(accessKeyId);
  return match?.[1];
}
