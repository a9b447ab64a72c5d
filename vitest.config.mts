import { defineConfig } from "vitest/config";

const shared = {
  env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  // The machines that run this suite are shared and noisy: generous, never a speed assertion.
  testTimeout: 60_000,
  // Load aws-doubles' build natively (as it is loaded from node_modules in a user's project),
  // so ESM and CommonJS consumers in one process share one module instance.
  server: { deps: { external: [/\/dist\//] } },
};

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
    ],
  },
});
