import { defineConfig } from "vitest/config";

/** `npm run drills`: the fault drills (test/drills/), one at a time, each with a Postgres cluster of its own. */
export default defineConfig({
  test: {
    include: ["test/drills/**/*.test.ts"],
    globalSetup: ["./test/drills/global-setup.ts"],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: "forks",
    fileParallelism: false,
  },
});
