import { defineConfig } from "vitest/config";

// The unit tests of the code that decides who sees what, for StrykerJS (stryker.config.json): no database, no Swarm.
export default defineConfig({
  test: {
    include: [
      "packages/policy/src/**/*.test.ts",
      "packages/db/src/scoped-to.test.ts",
      "packages/docker/src/labels.test.ts",
      "packages/docker/src/watch-swarm-events.test.ts",
      "apps/web/lib/client-address.test.ts",
      "packages/core/src/auth/principal-cache.test.ts",
    ],
  },
});
