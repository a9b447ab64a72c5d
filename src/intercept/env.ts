/**
 * The environment a mocked process needs so that no SDK client ever looks for real
 * credentials or asks the EC2 metadata service (which costs seconds when unreachable):
 * fake static credentials, a region, IMDS off, and no profile (a profile makes the SDK skip
 * environment credentials). Every change is undone by restore().
 */
export const FAKE_ACCESS_KEY_ID = "AKIAAWSDOUBLESFAKE00";
export const FAKE_SECRET_ACCESS_KEY = "aws-doubles/fake/secret/access/key/0000";

/** Variables removed while mocked: each one can divert the SDK's credential chain. */
const REMOVED = ["AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_CREDENTIAL_EXPIRATION"] as const;

export interface EnvBackup {
  restore(): void;
}

export function applyFakeEnv(region: string, regionExplicit: boolean): EnvBackup {
  const env = process.env;
  const touched = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_EC2_METADATA_DISABLED", "AWS_REGION", ...REMOVED];
  const saved = new Map<string, string | undefined>(touched.map((name) => [name, env[name]]));

  env["AWS_ACCESS_KEY_ID"] = FAKE_ACCESS_KEY_ID;
  env["AWS_SECRET_ACCESS_KEY"] = FAKE_SECRET_ACCESS_KEY;
  env["AWS_EC2_METADATA_DISABLED"] = "true";
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
