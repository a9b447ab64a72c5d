import { int, list, map, oneOf, str, struct } from "../../engine/validation/rules.js";

/**
 * Constraints on Image Builder shapes shared by several resources (EC2 Image Builder API
 * reference, "Data types"). Resource-specific constraints live next to their resource.
 */

const IB = "^arn:aws[^:]*:imagebuilder:[^:]+:";
/** Accounts an ARN may name: a 12-digit account, or AWS-owned (`aws`, `aws-marketplace`, `third-party`…). */
const ANY_OWNER = "(?:[0-9]{12}|aws(?:-[a-z-]+)?)";
const OWNER = "(?:[0-9]{12}|aws)";
const NAME_SEGMENT = "[a-z0-9-_]+";
const VERSION = "[0-9]+\\.[0-9]+\\.[0-9]+";
const VERSION_OR_BUILD = "(?:(?:([0-9]+|x)\\.([0-9]+|x)\\.([0-9]+|x))|(?:[0-9]+\\.[0-9]+\\.[0-9]+/[0-9]+))";
const WORKFLOW = "^arn:aws(?:-[a-z]+)*:imagebuilder:[a-z]{2,}(?:-[a-z]+)+-[0-9]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):workflow/(build|test|distribution)/[a-z0-9-_]+/";

export const IMAGE_BUILD_VERSION_ARN = str({ pattern: `${IB}${ANY_OWNER}:image/${NAME_SEGMENT}/${VERSION}/[0-9]+$` });
export const IMAGE_VERSION_ARN = str({ pattern: `${IB}${ANY_OWNER}:image/${NAME_SEGMENT}/${VERSION}$` });
export const IMAGE_VERSION_OR_BUILD_ARN = str({ pattern: `${IB}${ANY_OWNER}:image/${NAME_SEGMENT}/${VERSION_OR_BUILD}$` });
export const COMPONENT_BUILD_VERSION_ARN = str({ pattern: `${IB}${ANY_OWNER}:component/${NAME_SEGMENT}/${VERSION}/[0-9]+$` });
export const COMPONENT_VERSION_ARN = str({ pattern: `${IB}${ANY_OWNER}:component/${NAME_SEGMENT}/${VERSION}$` });
export const COMPONENT_VERSION_OR_BUILD_ARN = str({ pattern: `${IB}${ANY_OWNER}:component/${NAME_SEGMENT}/${VERSION_OR_BUILD}$` });
export const IMAGE_RECIPE_ARN = str({ pattern: `${IB}${OWNER}:image-recipe/${NAME_SEGMENT}/${VERSION}$` });
export const CONTAINER_RECIPE_ARN = str({ pattern: `${IB}${OWNER}:container-recipe/${NAME_SEGMENT}/${VERSION}$` });
export const INFRASTRUCTURE_CONFIGURATION_ARN = str({ pattern: `${IB}${OWNER}:infrastructure-configuration/${NAME_SEGMENT}$` });
export const DISTRIBUTION_CONFIGURATION_ARN = str({ pattern: `${IB}${OWNER}:distribution-configuration/${NAME_SEGMENT}$` });
export const IMAGE_PIPELINE_ARN = str({ pattern: `${IB}${OWNER}:image-pipeline/${NAME_SEGMENT}$` });
export const LIFECYCLE_POLICY_ARN = str({
  max: 1024,
  pattern: "^arn:aws(?:-[a-z]+)*:imagebuilder:[a-z]{2,}(?:-[a-z]+)+-[0-9]+:(?:[0-9]{12}|aws):lifecycle-policy/[a-z0-9-_]+$",
});
export const WORKFLOW_BUILD_VERSION_ARN = str({ max: 1024, pattern: `${WORKFLOW}${VERSION}/[0-9]+$` });
export const WORKFLOW_VERSION_OR_BUILD_ARN = str({ pattern: `${WORKFLOW}${VERSION_OR_BUILD}$` });
export const WORKFLOW_WILDCARD_VERSION_ARN = str({ pattern: `${WORKFLOW}(?:[0-9]+|x)\\.(?:[0-9]+|x)\\.(?:[0-9]+|x)$` });
/** ImageBuilderArn: any Image Builder resource, versions and builds included. */
export const IMAGE_BUILDER_ARN = str({
  pattern: `${IB}${ANY_OWNER}:(?:image-recipe|container-recipe|infrastructure-configuration|distribution-configuration|component|image|image-pipeline|lifecycle-policy|workflow\\/(?:build|test|distribution))/[a-z0-9-_]+(?:/(?:(?:x|[0-9]+)\\.(?:x|[0-9]+)\\.(?:x|[0-9]+))(?:/[0-9]+)?)?$`,
});

const UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
export const LIFECYCLE_EXECUTION_ID = str({ pattern: `^lce-${UUID}$` });
export const WORKFLOW_EXECUTION_ID = str({ pattern: `^wf-${UUID}$` });
export const WORKFLOW_STEP_EXECUTION_ID = str({ pattern: `^step-${UUID}$` });

/** ResourceName: 3..128 characters, letters, digits, `-`, `_` and inner spaces. */
export const RESOURCE_NAME = str({ pattern: "^[-_A-Za-z-0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z-0-9]$" });
export const NON_EMPTY = str({ min: 1, max: 1024 });
/** The semantic version is checked by the handlers, which answer InvalidVersionNumberException. */
export const CLIENT_TOKEN = str({ min: 1, max: 64 });
export const URI = str({ min: 1 });
export const OS_VERSION = str({ min: 1 });
export const OS_VERSION_LIST = list(OS_VERSION, { min: 1, max: 25 });
export const ROLE_NAME_OR_ARN = str({ min: 1, max: 2048, pattern: "^(?:arn:aws(?:-[a-z]+)*:iam::[0-9]{12}:role/)?[a-zA-Z_0-9+=,.@\\-_/]+$" });
export const ACCOUNT_ID = str({ pattern: "^[0-9]{12}$" });
export const ACCOUNT_LIST = list(ACCOUNT_ID, { min: 1, max: 1536 });
export const STRING_LIST = list(NON_EMPTY);
export const POLICY_DOCUMENT = str({ min: 1, max: 30000 });
export const INLINE_DOCUMENT = str({ min: 1, max: 16000, pattern: "^[^\\x00]+$" });

export const TAG_KEY = str({ min: 1, max: 128, pattern: "^(?!aws:)[a-zA-Z0-9\\s_.:/=+\\-@]*$" });
export const TAG_VALUE = str({ max: 256 });
export const TAGS = map({ key: TAG_KEY, value: TAG_VALUE, min: 1, max: 50 });
export const TAG_KEYS = list(TAG_KEY, { min: 1, max: 50 });
export const RESOURCE_TAGS = map({ key: TAG_KEY, value: TAG_VALUE, min: 1, max: 30 });

/** Page sizes (RestrictedInteger) and tokens (PaginationToken). */
export const MAX_RESULTS = int({ min: 1, max: 25 });
export const NEXT_TOKEN = str({ min: 1, max: 65535 });
export const DEFAULT_PAGE_SIZE = 25;

/** A list filter: a name of letters and 1..10 values. Which names each list takes is checked by the handler. */
/** FilterValue: names, versions and ARNs; anything else cannot match and is refused. */
export const FILTER_VALUE = str({ pattern: '^[0-9a-zA-Z./_ :,{}"-]{1,1024}$' });
export const FILTER_NAME = str({ pattern: "^[a-zA-Z]{1,1024}$" });
export const FILTER = struct({ name: FILTER_NAME, values: list(FILTER_VALUE, { min: 1, max: 10 }) });
export const FILTERS = list(FILTER, { min: 1, max: 10 });
export const OWNERSHIP = oneOf("Ownership");
export const PLATFORM = oneOf("Platform");

/** Component and workflow parameters given to a recipe, image or pipeline; values may be empty but hold no NUL. */
const PARAMETER_VALUES = list(str({ pattern: "^[^\\x00]*$" }));
const COMPONENT_PARAMETER = struct({ name: str({ min: 1, max: 256, pattern: "^[^\\x00]+$" }), value: PARAMETER_VALUES });
export const COMPONENT_CONFIGURATION = struct({
  componentArn: COMPONENT_VERSION_OR_BUILD_ARN,
  parameters: list(COMPONENT_PARAMETER, { min: 1 }),
});
export const COMPONENT_CONFIGURATIONS = list(COMPONENT_CONFIGURATION, { min: 1 });

const WORKFLOW_PARAMETER = struct({ name: str({ min: 1, max: 128, pattern: "^[^\\x00]+$" }), value: PARAMETER_VALUES });
export const WORKFLOW_CONFIGURATION = struct({
  workflowArn: WORKFLOW_VERSION_OR_BUILD_ARN,
  parameters: list(WORKFLOW_PARAMETER, { min: 1 }),
  parallelGroup: str({ min: 1, max: 100, pattern: "^[A-Za-z0-9][A-Za-z0-9-_+#]{0,99}$" }),
  onFailure: oneOf("OnWorkflowFailure"),
});
export const WORKFLOW_CONFIGURATIONS = list(WORKFLOW_CONFIGURATION);

export const IMAGE_TESTS_CONFIGURATION = struct({ timeoutMinutes: int({ min: 60, max: 1440 }) });
export const IMAGE_SCANNING_CONFIGURATION = struct({ ecrConfiguration: struct({ repositoryName: NON_EMPTY, containerTags: STRING_LIST }) });

export const EBS = struct({
  iops: int({ min: 100, max: 64000 }),
  kmsKeyId: NON_EMPTY,
  snapshotId: NON_EMPTY,
  volumeSize: int({ min: 1, max: 16000 }),
  volumeType: oneOf("EbsVolumeType"),
  throughput: int({ min: 125, max: 1000 }),
});
export const BLOCK_DEVICE_MAPPINGS = list(struct({ deviceName: NON_EMPTY, ebs: EBS, virtualName: NON_EMPTY, noDevice: str({ max: 0 }) }));

export const TARGET_REPOSITORY = struct({ service: oneOf("ContainerRepositoryService"), repositoryName: NON_EMPTY });

export const IMAGE_LOGGING_CONFIGURATION = struct({ logGroupName: str({ min: 1, max: 512 }) });

export const EXCLUSION_RULES_AMIS = struct({
  regions: STRING_LIST,
  sharedAccounts: ACCOUNT_LIST,
  lastLaunched: struct({ value: int({ min: 1, max: 365 }), unit: oneOf("LifecyclePolicyTimeUnit") }),
  tagMap: TAGS,
});

/** ResourceName-style names of Import*Image (NonEmptyString there). */
export const IMPORT_NAME = NON_EMPTY;

