import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The environment a mocked process needs so that no SDK client ever reads real credentials or
 * asks the EC2 metadata service (which costs seconds when unreachable): fake static
 * credentials, a region, IMDS off, no profile (a profile makes the SDK skip environment
 * credentials), no web-identity or container credential source, and the shared config and
 * credentials files pointed at a path that does not exist, so that nothing the SDK resolves
 * (a named profile, a config value) comes from the user's ~/.aws. Every change is undone by
 * restore().
 */
export const FAKE_ACCESS_KEY_ID = "AKIAAWSDOUBLESFAKE00";
export const FAKE_SECRET_ACCESS_KEY = "aws-doubles/fake/secret/access/key/0000";

/** Where the shared config and credentials files are "found" while mocked: nowhere. */
const NO_FILES = join(tmpdir(), "aws-doubles-no-aws-config", "does-not-exist");

/** Variables removed while mocked: each one can divert the SDK's credential chain. */
const REMOVED = [
  "AWS_PROFILE",
  "AWS_DEFAULT_PROFILE",
  "AWS_SESSION_TOKEN",
  "AWS_CREDENTIAL_EXPIRATION",
  "AWS_WEB_IDENTITY_TOKEN_FILE",
  "AWS_ROLE_ARN",
  "AWS_ROLE_SESSION_NAME",
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
  "AWS_CONTAINER_CREDENTIALS_FULL_URI",
  "AWS_CONTAINER_AUTHORIZATION_TOKEN",
  "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
] as const;

export interface EnvBackup {
  restore(): void;
}

export function applyFakeEnv(region: string, regionExplicit: boolean): EnvBackup {
  const env = process.env;
  const touched = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_EC2_METADATA_DISABLED", "AWS_REGION", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", ...REMOVED];
  const saved = new Map<string, string | undefined>(touched.map((name) => [name, env[name]]));

  env["AWS_ACCESS_KEY_ID"] = FAKE_ACCESS_KEY_ID;
  env["AWS_SECRET_ACCESS_KEY"] = FAKE_SECRET_ACCESS_KEY;
  env["AWS_EC2_METADATA_DISABLED"] = "true";
  env["AWS_CONFIG_FILE"] = `${NO_FILES}/config`;
  env["AWS_SHARED_CREDENTIALS_FILE"] = `${NO_FILES}/credentials`;
  if (regionExplicit || !env["AWS_REGION"]) env["AWS_REGION"] = region;
  for (const name of REMOVED) delete env[name];

  return {
    restore() {
      for (const [name, value] of saved) {
        if (value === undefined) delete env[name];
        else env[name] = value;
      }
    },
  };
}
