// AWS Proton end to end against aws-doubles: templates and their versions, registration,
// publishing, an environment, a service with two instances, a minor-version update of one
// instance, a replayed client token, and the teardown — all through the real ProtonClient,
// its waiters and its paginators. Run it with `node examples/proton-lifecycle.mjs`.
import {
  CreateEnvironmentCommand,
  CreateEnvironmentTemplateCommand,
  CreateEnvironmentTemplateVersionCommand,
  CreateServiceCommand,
  CreateServiceTemplateCommand,
  CreateServiceTemplateVersionCommand,
  DeleteEnvironmentCommand,
  DeleteEnvironmentTemplateCommand,
  DeleteEnvironmentTemplateVersionCommand,
  DeleteServiceCommand,
  DeleteServiceTemplateCommand,
  DeleteServiceTemplateVersionCommand,
  GetEnvironmentCommand,
  GetEnvironmentTemplateCommand,
  GetServiceInstanceCommand,
  ListDeploymentsCommand,
  ListEnvironmentsCommand,
  ListEnvironmentTemplatesCommand,
  ListServicesCommand,
  ListServiceTemplatesCommand,
  paginateListServiceInstances,
  ProtonClient,
  ResourceNotFoundException,
  UpdateAccountSettingsCommand,
  UpdateEnvironmentTemplateVersionCommand,
  UpdateServiceInstanceCommand,
  UpdateServiceTemplateVersionCommand,
  waitUntilEnvironmentDeployed,
  waitUntilEnvironmentTemplateVersionRegistered,
  waitUntilServiceCreated,
  waitUntilServiceDeleted,
  waitUntilServiceInstanceDeployed,
  waitUntilServiceTemplateVersionRegistered,
} from "@aws-sdk/client-proton";
import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";
import { mockAws } from "aws-doubles";

/** Waiter settings for a fake that answers at once: small delays, a short overall limit. */
const fast = (client) => ({ client, maxWaitTime: 5, minDelay: 0.001, maxDelay: 0.001 });
const bundle = (key) => ({ s3: { bucket: "proton-templates", key } });

export async function main() {
  const aws = mockAws({ region: "us-east-1" });
  try {
    const proton = new ProtonClient({ region: "us-east-1" });

    // 1. An environment template with a major version (1.0) and a minor version (1.1).
    await proton.send(new CreateEnvironmentTemplateCommand({ name: "vpc-env", displayName: "VPC environment" }));
    const first = await proton.send(new CreateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", source: bundle("vpc-env/v1.tar.gz"), clientToken: "vpc-env-v1" }));
    assert.equal(first.environmentTemplateVersion.status, "REGISTRATION_IN_PROGRESS");
    assert.equal(first.environmentTemplateVersion.arn, "arn:aws:proton:us-east-1:123456789012:environment-template/vpc-env:1.0");

    // Retrying with the same client token returns the original version instead of creating 2.0.
    const replay = await proton.send(new CreateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", source: bundle("vpc-env/v1.tar.gz"), clientToken: "vpc-env-v1" }));
    assert.equal(replay.environmentTemplateVersion.arn, first.environmentTemplateVersion.arn);

    await waitUntilEnvironmentTemplateVersionRegistered(fast(proton), { templateName: "vpc-env", majorVersion: "1", minorVersion: "0" });
    const minor = await proton.send(new CreateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", majorVersion: "1", source: bundle("vpc-env/v1.1.tar.gz") }));
    assert.equal(minor.environmentTemplateVersion.minorVersion, "1");
    const registered = await waitUntilEnvironmentTemplateVersionRegistered(fast(proton), { templateName: "vpc-env", majorVersion: "1", minorVersion: "1" });
    assert.equal(registered.reason.environmentTemplateVersion.status, "DRAFT");

    // 2. Publish both; the highest published version becomes the Recommended one.
    for (const minorVersion of ["0", "1"]) {
      await proton.send(new UpdateEnvironmentTemplateVersionCommand({ templateName: "vpc-env", majorVersion: "1", minorVersion, status: "PUBLISHED" }));
    }
    const envTemplate = await proton.send(new GetEnvironmentTemplateCommand({ name: "vpc-env" }));
    assert.equal(envTemplate.environmentTemplate.recommendedVersion, "1.1");

    // 3. An environment from it.
    await proton.send(
      new CreateEnvironmentCommand({
        name: "prod",
        templateName: "vpc-env",
        templateMajorVersion: "1",
        protonServiceRoleArn: "arn:aws:iam::123456789012:role/ProtonServiceRole",
        spec: "proton: EnvironmentSpec\nspec:\n  vpc_cidr: 10.0.0.0/16\n",
      }),
    );
    const deployed = await waitUntilEnvironmentDeployed(fast(proton), { name: "prod" });
    assert.equal(deployed.reason.environment.templateMinorVersion, "1");

    // 4. A service template whose versions 1.0 and 1.1 run in vpc-env:1 environments.
    await proton.send(new UpdateAccountSettingsCommand({ pipelineServiceRoleArn: "arn:aws:iam::123456789012:role/ProtonPipelineRole" }));
    await proton.send(new CreateServiceTemplateCommand({ name: "api-svc" }));
    for (const majorVersion of [undefined, "1"]) {
      const created = await proton.send(
        new CreateServiceTemplateVersionCommand({
          templateName: "api-svc",
          majorVersion,
          source: bundle(`api-svc/${majorVersion ? "v1.1" : "v1"}.tar.gz`),
          compatibleEnvironmentTemplates: [{ templateName: "vpc-env", majorVersion: "1" }],
        }),
      );
      const { majorVersion: major, minorVersion } = created.serviceTemplateVersion;
      await waitUntilServiceTemplateVersionRegistered(fast(proton), { templateName: "api-svc", majorVersion: major, minorVersion });
      await proton.send(new UpdateServiceTemplateVersionCommand({ templateName: "api-svc", majorVersion: major, minorVersion, status: "PUBLISHED" }));
    }

    // 5. A service on version 1.0 with two instances, and its pipeline.
    const spec = [
      "proton: ServiceSpec",
      "pipeline:",
      "  unit_test_command: npm test",
      "instances:",
      "  - name: api-a",
      "    environment: prod",
      "    spec:",
      "      port: 8080",
      "  - name: api-b",
      "    environment: prod",
      "",
    ].join("\n");
    const service = await proton.send(
      new CreateServiceCommand({
        name: "orders",
        templateName: "api-svc",
        templateMajorVersion: "1",
        templateMinorVersion: "0",
        spec,
        repositoryConnectionArn: "arn:aws:codestar-connections:us-east-1:123456789012:connection/abc",
        repositoryId: "acme/orders",
        branchName: "main",
      }),
    );
    assert.equal(service.service.status, "CREATE_IN_PROGRESS");
    const created = await waitUntilServiceCreated(fast(proton), { name: "orders" });
    assert.equal(created.reason.service.status, "ACTIVE");
    assert.equal(created.reason.service.pipeline.deploymentStatus, "SUCCEEDED");
    for (const name of ["api-a", "api-b"]) await waitUntilServiceInstanceDeployed(fast(proton), { serviceName: "orders", name });

    const instances = [];
    for await (const page of paginateListServiceInstances({ client: proton, pageSize: 1 }, { serviceName: "orders" })) instances.push(...page.serviceInstances);
    assert.deepEqual(
      instances.map((i) => `${i.name}@${i.templateMajorVersion}.${i.templateMinorVersion}`),
      ["api-a@1.0", "api-b@1.0"],
    );

    // 6. Move one instance to the new minor version (1.1, the Recommended minor of major 1).
    const update = await proton.send(new UpdateServiceInstanceCommand({ serviceName: "orders", name: "api-a", deploymentType: "MINOR_VERSION", clientToken: "api-a-to-1.1" }));
    // Until the deployment succeeds the instance still shows the version it runs.
    assert.equal(update.serviceInstance.deploymentStatus, "IN_PROGRESS");
    assert.equal(update.serviceInstance.templateMinorVersion, "0");
    await waitUntilServiceInstanceDeployed(fast(proton), { serviceName: "orders", name: "api-a" });
    const updated = await proton.send(new GetServiceInstanceCommand({ serviceName: "orders", name: "api-a" }));
    assert.equal(updated.serviceInstance.templateMinorVersion, "1");
    assert.equal(updated.serviceInstance.lastClientRequestToken, "api-a-to-1.1");
    const history = await proton.send(new ListDeploymentsCommand({ serviceName: "orders", serviceInstanceName: "api-a" }));
    assert.deepEqual(
      history.deployments.map((d) => d.deploymentStatus),
      ["SUCCEEDED", "SUCCEEDED"],
    );
    const after = [];
    for await (const page of paginateListServiceInstances({ client: proton }, { serviceName: "orders" })) after.push(...page.serviceInstances);

    // 7. Tear everything down.
    await proton.send(new DeleteServiceCommand({ name: "orders" }));
    await waitUntilServiceDeleted(fast(proton), { name: "orders" });
    await proton.send(new DeleteEnvironmentCommand({ name: "prod" }));
    // No SDK waiter for an environment's deletion: poll until it is gone.
    const statuses = [];
    let gone;
    for (let reads = 0; reads < 5 && !gone; reads++) {
      const read = await proton.send(new GetEnvironmentCommand({ name: "prod" })).catch((error) => error);
      if (read instanceof ResourceNotFoundException) gone = read;
      else statuses.push(read.environment.deploymentStatus);
    }
    assert.ok(gone, "the environment is gone once its deletion completes");
    assert.deepEqual(statuses, ["DELETE_IN_PROGRESS"], "the first read shows the deletion DeleteEnvironment started");

    // The Recommended minor (1.1) goes last: first 1.0, then 1.1, then the template.
    for (const [Version, Template, templateName] of [
      [DeleteServiceTemplateVersionCommand, DeleteServiceTemplateCommand, "api-svc"],
      [DeleteEnvironmentTemplateVersionCommand, DeleteEnvironmentTemplateCommand, "vpc-env"],
    ]) {
      for (const minorVersion of ["0", "1"]) await proton.send(new Version({ templateName, majorVersion: "1", minorVersion }));
      await proton.send(new Template({ name: templateName }));
    }
    const left = {
      environmentTemplates: (await proton.send(new ListEnvironmentTemplatesCommand({}))).templates.length,
      serviceTemplates: (await proton.send(new ListServiceTemplatesCommand({}))).templates.length,
      environments: (await proton.send(new ListEnvironmentsCommand({}))).environments.length,
      services: (await proton.send(new ListServicesCommand({}))).services.length,
    };
    assert.deepEqual(left, { environmentTemplates: 0, serviceTemplates: 0, environments: 0, services: 0 });
    return {
      environmentTemplateVersions: [first.environmentTemplateVersion.arn, minor.environmentTemplateVersion.arn],
      replayedArn: replay.environmentTemplateVersion.arn,
      recommendedVersion: envTemplate.environmentTemplate.recommendedVersion,
      serviceInstances: instances.length,
      instanceVersions: after.map((i) => `${i.name}@${i.templateMajorVersion}.${i.templateMinorVersion}`),
      updatedInstanceDeployments: history.deployments.length,
      left,
    };
  } finally {
    aws.restore();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const result = await main();
  console.log(`Proton lifecycle example passed (${result.serviceInstances} service instances).`);
}
