import { Client } from "ldapts";
import type { LdapSettings } from "./ldap-authenticate";

const TIMEOUT_MS = 3_000;

/**
 * For /readyz: answers when the directory accepts Berth's service account within 3 s; otherwise throws a sentence
 * naming the server and what went wrong (unreachable, or the account refused).
 */
export async function checkLdap(settings: Pick<LdapSettings, "url" | "bindDn" | "bindPassword">): Promise<void> {
  const client = new Client({ url: settings.url, timeout: TIMEOUT_MS, connectTimeout: TIMEOUT_MS });
  try {
    await client.bind(settings.bindDn, settings.bindPassword);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`LDAP server ${settings.url} does not let Berth's service account in: ${reason}`, { cause: error });
  } finally {
    await client.unbind().catch(() => undefined);
  }
}
