import type { TestProject } from "vitest/node";
import { createTestDatabase, readTestEnv } from "./test-env";

/** One database per test run, created and migrated here and dropped afterwards; tests connect as the app role. */
export default async function setup(project: TestProject) {
  const env = readTestEnv();
  const db = await createTestDatabase(env.POSTGRES_URL);
  project.provide("databaseUrl", db.url);
  project.provide("ownerDatabaseUrl", db.ownerUrl);
  project.provide("dockerHost", env.DOCKER_HOST);
  project.provide("ldap", {
    url: env.LDAP_URL,
    bindDn: env.LDAP_BIND_DN,
    bindPassword: env.LDAP_BIND_PASSWORD,
    searchBase: env.LDAP_SEARCH_BASE,
    groupBase: env.LDAP_GROUP_BASE,
  });
  return db.drop;
}
