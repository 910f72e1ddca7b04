import type { TestProject } from "vitest/node";
import { createDocker } from "../../packages/docker/src/client";
import { readTestEnv } from "../test-env";
import { startTestRun } from "../test-run";
import { clearDrillResults, drillTable } from "./verdict";

/**
 * After all drills, the table: drill | lost | duplicates | seconds to recover. What the drills' Berths create on the
 * shared engine is labelled with the run's instance and removed afterwards, and a crashed run's is removed first.
 */
export default async function setup(project: TestProject) {
  clearDrillResults();
  const run = await startTestRun(createDocker(readTestEnv().DOCKER_HOST));
  project.provide("berthInstance", run.instance);
  return async () => {
    console.log(`\n${drillTable()}\n`);
    await run.end();
  };
}
