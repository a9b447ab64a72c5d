import type {
  CreateGlueIdentityCenterConfigurationRequest,
  CreateGlueIdentityCenterConfigurationResponse,
  DeleteGlueIdentityCenterConfigurationRequest,
  DeleteGlueIdentityCenterConfigurationResponse,
  GetGlueIdentityCenterConfigurationRequest,
  GetGlueIdentityCenterConfigurationResponse,
  UpdateGlueIdentityCenterConfigurationRequest,
  UpdateGlueIdentityCenterConfigurationResponse,
} from "@aws-sdk/client-glue";
import type { RequestContext } from "../../../engine/context.js";
import { randomHex } from "../../../engine/ids.js";
import { list, requiredAnd, str } from "../../../engine/validation/rules.js";
import { op, type GlueBackend } from "../backend.js";

/** The account and Region's link between Glue and an IAM Identity Center instance. */
export interface IdentityCenterRecord {
  InstanceArn: string;
  ApplicationArn: string;
  Scopes?: string[] | undefined;
  UserBackgroundSessionsEnabled?: boolean | undefined;
}

/** The API reference's constraints (the shared model predates these operations). */
const INSTANCE_ARN = requiredAnd(str({ min: 10, max: 1224 }));
const SCOPES = list(str({ max: 50 }), { min: 1, max: 50 });

/** An Identity Center instance ARN: arn:aws:sso:::instance/ssoins-<16 characters>. */
const INSTANCE_ARN_FORM = /^arn:[a-z0-9-]+:sso:::instance\/((?:sso)?ins-[a-zA-Z0-9-.]{16})$/;

function find(ctx: RequestContext<GlueBackend>): IdentityCenterRecord {
  const record = ctx.backend.security.identityCenter;
  if (!record) throw ctx.error("EntityNotFoundException", "Glue has no Identity Center configuration in this account and Region: create one with CreateGlueIdentityCenterConfiguration.");
  return record;
}

export const createGlueIdentityCenterConfiguration = op<CreateGlueIdentityCenterConfigurationRequest, CreateGlueIdentityCenterConfigurationResponse>({
  input: { InstanceArn: INSTANCE_ARN, Scopes: SCOPES },
  errors: ["AlreadyExistsException"],
  run(ctx, input) {
    if (ctx.backend.security.identityCenter) {
      throw ctx.error("AlreadyExistsException", "Glue already has an Identity Center configuration in this account and Region: update or delete it.");
    }
    const match = INSTANCE_ARN_FORM.exec(input.InstanceArn!);
    if (!match) throw ctx.invalid(`InstanceArn '${input.InstanceArn}' is not an IAM Identity Center instance ARN (arn:aws:sso:::instance/ssoins-<16 characters>).`);
    // Glue registers an Identity Center application of its own for the account.
    const applicationArn = `arn:${ctx.partition}:sso::${ctx.accountId}:application/${match[1]}/apl-${randomHex(16)}`;
    ctx.backend.security.identityCenter = {
      InstanceArn: input.InstanceArn!,
      ApplicationArn: applicationArn,
      Scopes: input.Scopes,
      UserBackgroundSessionsEnabled: input.UserBackgroundSessionsEnabled,
    };
    return { ApplicationArn: applicationArn };
  },
});

export const getGlueIdentityCenterConfiguration = op<GetGlueIdentityCenterConfigurationRequest, GetGlueIdentityCenterConfigurationResponse>({
  errors: ["EntityNotFoundException"],
  run(ctx) {
    const record = find(ctx);
    return {
      ApplicationArn: record.ApplicationArn,
      InstanceArn: record.InstanceArn,
      Scopes: record.Scopes ? [...record.Scopes] : undefined,
      UserBackgroundSessionsEnabled: record.UserBackgroundSessionsEnabled,
    };
  },
});

export const updateGlueIdentityCenterConfiguration = op<UpdateGlueIdentityCenterConfigurationRequest, UpdateGlueIdentityCenterConfigurationResponse>({
  input: { Scopes: SCOPES },
  errors: ["EntityNotFoundException"],
  run(ctx, input) {
    const record = find(ctx);
    // Members left out keep their value.
    if (input.Scopes !== undefined) record.Scopes = input.Scopes;
    if (input.UserBackgroundSessionsEnabled !== undefined) record.UserBackgroundSessionsEnabled = input.UserBackgroundSessionsEnabled;
    return {};
  },
});

export const deleteGlueIdentityCenterConfiguration = op<DeleteGlueIdentityCenterConfigurationRequest, DeleteGlueIdentityCenterConfigurationResponse>({
  errors: ["EntityNotFoundException"],
  run(ctx) {
    find(ctx);
    ctx.backend.security.identityCenter = undefined;
    return {};
  },
});
