import { all, int, list, oneOf, str, struct, requiredAnd, type Rule } from "../../engine/validation/rules.js";

/**
 * Constraints on Proton shapes shared by several resource families (Proton API reference,
 * "Data types"). Resource-specific constraints live next to their resource.
 */

/** ResourceName: templates, environments, services, instances, components. */
export const RESOURCE_NAME = str({ min: 1, max: 100, pattern: "^[0-9A-Za-z]+[0-9A-Za-z_\\-]*$" });

/** ResourceNameOrEmpty: "" detaches a component from its service instance. */
export const RESOURCE_NAME_OR_EMPTY = str({ max: 100, pattern: "(^$)|^[0-9A-Za-z]+[0-9A-Za-z_\\-]*$" });

/** TemplateVersionPart: a major or minor version number, as a string ("0", "12"). */
export const VERSION_PART = str({ min: 1, max: 20, pattern: "^(0|([1-9]{1}\\d*))$" });

export const DESCRIPTION = str({ max: 500 });
export const DISPLAY_NAME = str({ min: 1, max: 100 });

/** Arn: any AWS ARN (tag targets, encryption keys, connection ARNs, service roles). */
export const ARN = str({ min: 1, max: 200, pattern: "^arn:(aws|aws-cn|aws-us-gov):[a-zA-Z0-9-]+:[a-zA-Z0-9-]*:\\d{12}:([\\w+=,.@-]+[/:])*[\\w+=,.@-]+$" });

const ROLE_ARN_PATTERN = "^arn:(aws|aws-cn|aws-us-gov):iam::\\d{12}:role/([\\w+=,.@-]{1,512}[/:])*([\\w+=,.@-]{1,64})$";
/** RoleArn: an IAM role. */
export const ROLE_ARN = str({ min: 1, max: 2048, pattern: ROLE_ARN_PATTERN });
/** RoleArnOrEmptyString: "" removes the setting. */
export const ROLE_ARN_OR_EMPTY = str({ max: 2048, pattern: `(^$)|(${ROLE_ARN_PATTERN})` });

/** SpecContents: a YAML spec. */
export const SPEC = str({ min: 1, max: 51200 });
export const TEMPLATE_FILE = str({ min: 1, max: 51200 });
export const MANIFEST = str({ min: 1, max: 1024 });
export const STATUS_MESSAGE = str({ max: 5000 });

/** ClientToken: up to 64 printable ASCII characters. */
export const CLIENT_TOKEN = str({ max: 64, pattern: "^[!-~]*$" });

/** Lower-case UUIDs: deployment and environment account connection ids. */
export const UUID = str({ pattern: "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$" });

export const ACCOUNT_ID = str({ pattern: "^\\d{12}$" });

/** "System created tags that begin with the aws: prefix are reserved for AWS use" (any case). */
export const isReservedTagKey = (key: string): boolean => key.slice(0, 4).toLowerCase() === "aws:";

/**
 * "System created tags that begin with the aws: prefix are reserved for AWS use … You can't
 * edit or delete a tag that begins with the aws: prefix" ("AWS Proton resources and tagging"):
 * a request that names one (to create, tag or untag) is a ValidationException.
 */
const NOT_RESERVED: Rule = {
  check(value, path, _ctx, out) {
    if (typeof value === "string" && isReservedTagKey(value)) {
      out.push({ path: path.toString(), value, constraint: "Member must not begin with 'aws:': tag keys with that prefix are reserved for the tags AWS manages" });
    }
  },
};

/** TagList: up to 50 {key, value} pairs. */
export const TAG_KEY = all(str({ min: 1, max: 128 }), NOT_RESERVED);
export const TAGS = list(struct({ key: TAG_KEY, value: str({ max: 256 }) }), { max: 50 });
export const TAG_KEYS = list(TAG_KEY, { max: 50 });

/** Page tokens (standard base64 alphabet) and sizes of the paged List operations. */
export const NEXT_TOKEN = str({ pattern: "^[A-Za-z0-9+=/]+$" });
export const MAX_RESULTS = int({ min: 1, max: 100 });
/** EmptyNextToken: the output lists that are never paged (outputs, provisioned resources). */
export const EMPTY_NEXT_TOKEN = str({ max: 0 });

/** Linked repositories. */
export const REPOSITORY_PROVIDER = oneOf("RepositoryProvider");
export const REPOSITORY_NAME = str({ min: 1, max: 100, pattern: "[A-Za-z0-9_.-].*/[A-Za-z0-9_.-].*" });
export const BRANCH = str({ min: 1, max: 200 });
export const REPOSITORY_BRANCH_INPUT = struct({ provider: REPOSITORY_PROVIDER, name: REPOSITORY_NAME, branch: BRANCH });

/** TemplateVersionSourceInput: a union whose only member is an S3 bundle location. */
export const TEMPLATE_SOURCE = struct({
  s3: struct({
    bucket: requiredAnd(str({ min: 3, max: 63, pattern: "^[a-z0-9]+[a-z0-9-\\.]+[a-z0-9]+$" })),
    key: requiredAnd(str({ min: 1, max: 1024 })),
  }),
});

/** CompatibleEnvironmentTemplateInputList: 1 to 10 environment template majors. */
export const COMPATIBLE_ENVIRONMENT_TEMPLATES = list(struct({ templateName: RESOURCE_NAME, majorVersion: VERSION_PART }), { min: 1, max: 10 });
export const SUPPORTED_COMPONENT_SOURCES = list(oneOf("ServiceTemplateSupportedComponentSourceType"));

/** Default page size of the paged List operations (AWS documents none; their maximum). */
export const DEFAULT_PAGE_SIZE = 100;
