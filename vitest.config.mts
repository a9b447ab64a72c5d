import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const shared = {
  env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  // The machines that run this suite are shared and noisy: generous, never a speed assertion.
  testTimeout: 60_000,
  // Load aws-doubles' build natively (as it is loaded from node_modules in a user's project),
  // so ESM and CommonJS consumers in one process share one module instance.
  server: { deps: { external: [/\/dist\//] } },
};

const serverSetup = fileURLToPath(new URL("./test/support/server-mode/setup.ts", import.meta.url));

/** A representative part of each service's suite, run unchanged against the server. */
const serverSuites = [
  "test/services/glue/workflows.test.ts",
  "test/services/glue/jobs.test.ts",
  "test/services/glue/triggers.test.ts",
  "test/services/glue/tags.test.ts",
  "test/services/imagebuilder/components.test.ts",
  "test/services/imagebuilder/pipelines.test.ts",
  "test/services/imagebuilder/images.test.ts",
  "test/services/imagebuilder/executions.test.ts",
  "test/services/omics/workflows.test.ts",
  "test/services/omics/versions.test.ts",
  "test/services/omics/run-caches.test.ts",
  "test/services/omics/tags.test.ts",
  "test/services/proton/templates.test.ts",
  "test/services/proton/account-connections.test.ts",
  "test/services/proton/not-found-and-validation.test.ts",
  "test/services/proton/tags.test.ts",
  // The restJson1 fuzz: every bad value in every member of all 77 operations, across the wire.
  "test/services/imagebuilder/bad-inputs.test.ts",
];

export default defineConfig({
  test: {
    reporters: ["default", "./test/support/summary-reporter.ts"],
    projects: [
      {
        test: {
          ...shared,
          name: "core",
          include: ["test/core/**/*.test.ts"],
        },
      },
      {
        test: {
          ...shared,
          name: "services",
          include: ["test/services/**/*.test.ts", "test/examples/**/*.test.ts"],
          // Our own service tests use the fake exactly as users do: through the setup file.
          setupFiles: ["aws-doubles/vitest"],
        },
      },
      {
        test: {
          ...shared,
          name: "properties",
          // Property-based suites: random bad and near-valid input to every command of the four
          // clients, through the setup file like the service tests (AWS_DOUBLES_PROPERTIES=full
          // runs many more cases from a random seed; see README, Development).
          include: ["test/properties/**/*.test.ts"],
          setupFiles: ["aws-doubles/vitest"],
        },
      },
      {
        // The same service tests through the HTTP front door: SDK clients configured with a
        // server's endpoint, interception never installed (test/support/server-mode/setup.ts).
        resolve: { alias: { "aws-doubles/vitest": serverSetup } },
        test: {
          ...shared,
          name: "server",
          include: serverSuites,
          // Every call crosses loopback HTTP: the fuzz suite needs more than the 5 s default.
          testTimeout: 60_000,
          setupFiles: [serverSetup],
        },
      },
      {
        // The server itself: wire protocols, malformed requests, control API, dashboard (headless
        // Chromium), the CLI, other languages (boto3, the AWS CLI), load. Each file starts its own.
        test: {
          ...shared,
          name: "server-door",
          include: ["test/server/**/*.test.ts", "examples/server-mode/*.test.mjs"],
        },
      },
    ],
  },
});
