import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./test/test-env";

// Chromium is Debian's (scripts/test-env installs it); Playwright never downloads a browser here.
export default defineConfig({
  testDir: "e2e",
  outputDir: ".berth/results/playwright",
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  reporter: [["list"], ["json", { outputFile: ".berth/results/playwright.json" }]],
  globalSetup: "./e2e/global-setup.ts",
  projects: [
    { name: "main", testIgnore: ["outages.spec.ts", "audit-intact.spec.ts"] },
    // Stops and restarts the test Swarm's engine, so it runs alone, after everything else.
    { name: "outages", testMatch: "outages.spec.ts", dependencies: ["main"] },
    // Last: the audit chain of everything the tests did is intact.
    { name: "audit", testMatch: "audit-intact.spec.ts", dependencies: ["outages"] },
  ],
  use: {
    baseURL: "http://127.0.0.1:3100",
    launchOptions: chromiumLaunchOptions(),
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});
