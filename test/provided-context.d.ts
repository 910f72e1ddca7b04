// What test/global-setup.ts provides to every test file through vitest's inject().
import "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** The test run's database as the app role (what web and worker connect as). */
    databaseUrl: string;
    /** The same database as the owner role, a superuser of the test server (migrations, tampering, new databases). */
    ownerDatabaseUrl: string;
    dockerHost: string;
    /** The run's BERTH_INSTANCE (test/test-run.ts): what the tests' Berth creates in Swarm is labelled with it. */
    berthInstance: string;
    /** The test directory's service account and bases (scripts/env/ldap.sh); tests add their own userFilter. */
    ldap: { url: string; bindDn: string; bindPassword: string; searchBase: string; groupBase: string };
  }
}
