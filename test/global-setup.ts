import type { TestProject } from "vitest/node";
import { createDocker } from "../packages/docker/src/client";
import { createTestDatabase, readTestEnv } from "./test-env";
import { startTestRun } from "./test-run";

/**
 * One database per test run, created and migrated here and dropped afterwards; tests connect as the app role. What the
 * run creates in Swarm is labelled with its instance and removed afterwards, and a crashed run's is removed first.
 */
export default async function setup(project: TestProject) {
  const env = readTestEnv();
  const run = await startTestRun(createDocker(env.DOCKER_HOST));
  const db = await createTestDatabase(env.POSTGRES_URL);
  project.provide("databaseUrl", db.url);
  project.provide("ownerDatabaseUrl", db.ownerUrl);
  project.provide("dockerHost", env.DOCKER_HOST);
  project.provide("berthInstance", run.instance);
  project.provide("ldap", {
    url: env.LDAP_URL,
    bindDn: env.LDAP_BIND_DN,
    bindPassword: env.LDAP_BIND_PASSWORD,
    searchBase: env.LDAP_SEARCH_BASE,
    groupBase: env.LDAP_GROUP_BASE,
  });
  return async () => {
    try {
      await run.end();
    } finally {
      await db.drop();
    }
  };
}
