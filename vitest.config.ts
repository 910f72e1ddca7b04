import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/**/*.test.ts", "apps/**/*.test.ts", "test/**/*.test.ts"],
    // The fault drills restart their own Postgres and take minutes: `npm run drills` (vitest.drills.config.ts).
    exclude: ["**/node_modules/**", "**/.next/**", "test/drills/**"],
    globalSetup: ["./test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
