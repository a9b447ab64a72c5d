import type { ComponentType, Platform, WorkflowType } from "@aws-sdk/client-imagebuilder";
import { buildArn } from "../../engine/arn.js";
import { OrderedTable } from "../../engine/ordered-table.js";
import type { Ctx } from "./common.js";
import type { ComponentRecord } from "./components.js";
import { parseComponentDocument, parseWorkflowDocument } from "./documents.js";
import type { ImageRecord } from "./images.js";
import { VersionedStore } from "./versions.js";
import type { WorkflowRecord } from "./workflows.js";

/**
 * A representative part of what AWS owns in every region (account `aws` in the ARNs): the
 * managed build and test workflows Image Builder runs when an image names no workflows, a few
 * managed components, and a few base images recipes commonly start from. AWS owns hundreds
 * more; recipes may reference any AWS-owned component ARN (it is not checked), while Get and
 * List operations only know the ones below.
 */

const PUBLISHED = "2024-01-01T00:00:00.000Z";

const LAUNCH = (name: string) => `  - name: ${name}\n    action: LaunchInstance\n    onFailure: Abort\n    inputs:\n      waitFor: "ssmAgent"\n`;
const ON_INSTANCE = (name: string, action: string, launch: string, onFailure = "Abort") =>
  `  - name: ${name}\n    action: ${action}\n    onFailure: ${onFailure}\n    inputs:\n      instanceId.$: "$.stepOutputs.${launch}.instanceId"\n`;

const MANAGED_WORKFLOWS: Array<{ name: string; type: WorkflowType; description: string; steps: string }> = [
  {
    name: "build-image",
    type: "BUILD",
    description: "Workflow to build an AMI",
    steps:
      LAUNCH("LaunchBuildInstance") +
      ON_INSTANCE("ApplyBuildComponents", "ExecuteComponents", "LaunchBuildInstance") +
      ON_INSTANCE("InventoryCollection", "CollectImageMetadata", "LaunchBuildInstance") +
      ON_INSTANCE("RunSanitizeScript", "SanitizeInstance", "LaunchBuildInstance") +
      ON_INSTANCE("RunSysPrepScript", "RunSysPrep", "LaunchBuildInstance") +
      ON_INSTANCE("CreateOutputAMI", "CreateImage", "LaunchBuildInstance") +
      ON_INSTANCE("TerminateBuildInstance", "TerminateInstance", "LaunchBuildInstance", "Continue"),
  },
  {
    name: "test-image",
    type: "TEST",
    description: "Workflow to test an AMI",
    steps:
      LAUNCH("LaunchTestInstance") +
      ON_INSTANCE("RunTestSuite", "ExecuteComponents", "LaunchTestInstance") +
      ON_INSTANCE("TerminateTestInstance", "TerminateInstance", "LaunchTestInstance", "Continue"),
  },
  {
    name: "build-container",
    type: "BUILD",
    description: "Workflow to build a container image",
    steps:
      LAUNCH("LaunchBuildInstance") +
      ON_INSTANCE("BootstrapBuildInstance", "BootstrapInstanceForContainer", "LaunchBuildInstance") +
      ON_INSTANCE("ApplyBuildComponents", "ExecuteComponents", "LaunchBuildInstance") +
      ON_INSTANCE("TerminateBuildInstance", "TerminateInstance", "LaunchBuildInstance", "Continue"),
  },
  {
    name: "test-container",
    type: "TEST",
    description: "Workflow to test a container image",
    steps:
      LAUNCH("LaunchTestInstance") +
      ON_INSTANCE("BootstrapTestInstance", "BootstrapInstanceForContainer", "LaunchTestInstance") +
      ON_INSTANCE("RunTestSuite", "ExecuteComponents", "LaunchTestInstance") +
      ON_INSTANCE("TerminateTestInstance", "TerminateInstance", "LaunchTestInstance", "Continue"),
  },
];

const MANAGED_COMPONENTS: Array<{ name: string; version: string; platform: Platform; description: string; phase: "build" | "test"; action: string }> = [
  { name: "update-linux", version: "1.0.2", platform: "Linux", description: "Updates Linux with the latest security updates.", phase: "build", action: "UpdateOS" },
  { name: "update-windows", version: "1.0.1", platform: "Windows", description: "Updates Windows with the latest security updates.", phase: "build", action: "UpdateOS" },
  { name: "aws-cli-version-2-linux", version: "1.0.4", platform: "Linux", description: "Installs the latest version of the AWS CLI version 2.", phase: "build", action: "ExecuteBash" },
  { name: "simple-boot-test-linux", version: "1.0.0", platform: "Linux", description: "Executes a simple boot test.", phase: "test", action: "ExecuteBash" },
  { name: "reboot-test-linux", version: "1.0.0", platform: "Linux", description: "Tests whether the system can reboot successfully.", phase: "test", action: "Reboot" },
];

const MANAGED_IMAGES: Array<{ name: string; version: string; platform: Platform; osVersion: string }> = [
  { name: "amazon-linux-2023-x86", version: "2024.1.1", platform: "Linux", osVersion: "Amazon Linux 2023" },
  { name: "amazon-linux-2-x86", version: "2024.1.1", platform: "Linux", osVersion: "Amazon Linux 2" },
  { name: "ubuntu-server-22-lts-x86", version: "2024.1.1", platform: "Linux", osVersion: "Ubuntu 22" },
  { name: "windows-server-2022-english-full-base-x86", version: "2024.1.1", platform: "Windows", osVersion: "Microsoft Windows Server 2022" },
];

export interface ManagedCatalog {
  components: VersionedStore<ComponentRecord>;
  workflows: VersionedStore<WorkflowRecord>;
  images: VersionedStore<ImageRecord>;
}

const catalogs = new Map<string, ManagedCatalog>();

function build(partition: string, region: string): ManagedCatalog {
  const arn = (resource: string) => buildArn({ partition, service: "imagebuilder", region, accountId: "aws", resource });
  const catalog: ManagedCatalog = {
    components: new VersionedStore((segment, version) => arn(`component/${segment}/${version}`)),
    workflows: new VersionedStore((segment, version) => arn(`workflow/${segment}/${version}`)),
    images: new VersionedStore((segment, version) => arn(`image/${segment}/${version}`)),
  };
  for (const w of MANAGED_WORKFLOWS) {
    const data = `name: ${w.name}\ndescription: ${w.description}\nschemaVersion: 1.0\n\nsteps:\n${w.steps}`;
    const doc = parseWorkflowDocument(data);
    if (typeof doc === "string") throw new Error(`managed workflow ${w.name}: ${doc}`);
    const segment = `${w.type.toLowerCase()}/${w.name}`;
    catalog.workflows.add({
      arn: arn(`workflow/${segment}/1.0.0/1`),
      segment,
      version: "1.0.0",
      build: 1,
      name: w.name,
      type: w.type,
      owner: "Amazon",
      description: w.description,
      data,
      dateCreated: PUBLISHED,
      steps: doc.steps,
      parameters: doc.parameters,
    });
  }
  for (const c of MANAGED_COMPONENTS) {
    const data = `name: ${c.name}\ndescription: ${c.description}\nschemaVersion: 1.0\nphases:\n  - name: ${c.phase}\n    steps:\n      - name: ${c.phase === "build" ? "Build" : "Test"}\n        action: ${c.action}\n`;
    const doc = parseComponentDocument(data);
    if (typeof doc === "string") throw new Error(`managed component ${c.name}: ${doc}`);
    catalog.components.add({
      arn: arn(`component/${c.name}/${c.version}/1`),
      segment: c.name,
      version: c.version,
      build: 1,
      name: c.name,
      owner: "Amazon",
      description: c.description,
      type: doc.type as ComponentType,
      platform: c.platform,
      parameters: doc.parameters,
      data,
      dateCreated: PUBLISHED,
      state: { status: "ACTIVE" },
      publisher: "Amazon",
    });
  }
  for (const i of MANAGED_IMAGES) {
    catalog.images.add({
      arn: arn(`image/${i.name}/${i.version}/1`),
      sequence: 0,
      segment: i.name,
      version: i.version,
      build: 1,
      name: i.name,
      owner: "Amazon",
      type: "AMI",
      platform: i.platform,
      osVersion: i.osVersion,
      state: { status: "AVAILABLE" },
      dateCreated: PUBLISHED,
      buildType: "USER_INITIATED",
      imageSource: "AMAZON_MANAGED",
      executions: new OrderedTable(),
    });
  }
  return catalog;
}

/** The AWS-managed resources of the caller's partition and region (immutable, shared by all tests). */
export function managedCatalog(ctx: Pick<Ctx, "partition" | "region">): ManagedCatalog {
  const key = `${ctx.partition}/${ctx.region}`;
  let catalog = catalogs.get(key);
  if (!catalog) {
    catalog = build(ctx.partition, ctx.region);
    catalogs.set(key, catalog);
  }
  return catalog;
}
