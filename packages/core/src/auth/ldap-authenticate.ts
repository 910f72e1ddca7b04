import { Client, escapeFilter, Filter, FilterParser, InvalidCredentialsError, ResultCodeError } from "ldapts";

export interface LdapSettings {
  url: string;
  /** The service account that looks users and groups up. */
  bindDn: string;
  bindPassword: string;
  searchBase: string;
  /** A filter template with `{email}` where the (escaped) email goes, e.g. `(mail={email})`. */
  userFilter: string;
  groupBase: string;
}

const TIMEOUT_MS = 5_000;

/** The directory's answer for an email and password: the user's DN and the DNs of its groups, or null when the account does not exist or the password is wrong. */
export async function ldapAuthenticate(
  settings: LdapSettings,
  email: string,
  password: string,
): Promise<{ dn: string; groups: string[] } | null> {
  // A simple bind with an empty password is an unauthenticated bind, which some servers accept.
  if (!password) return null;
  // Parsed before connecting, so a broken template is not reported as an unreachable server.
  const userFilter = FilterParser.parseString(settings.userFilter.replaceAll("{email}", () => Filter.escape(email)));
  const service = new Client({ url: settings.url, timeout: TIMEOUT_MS, connectTimeout: TIMEOUT_MS });
  const user = new Client({ url: settings.url, timeout: TIMEOUT_MS, connectTimeout: TIMEOUT_MS });
  try {
    await service.bind(settings.bindDn, settings.bindPassword);
    const found = await service.search(settings.searchBase, {
      scope: "sub",
      filter: userFilter,
      attributes: ["1.1"],
      sizeLimit: 2,
    });
    const [entry] = found.searchEntries;
    if (!entry || found.searchEntries.length > 1) return null;
    const { dn } = entry;
    try {
      await user.bind(dn, password);
    } catch (error) {
      if (error instanceof InvalidCredentialsError) return null;
      throw error;
    }
    const groups = await service.search(settings.groupBase, {
      scope: "sub",
      filter: escapeFilter`(&(objectClass=groupOfNames)(member=${dn}))`,
      attributes: ["1.1"],
    });
    return { dn, groups: groups.searchEntries.map((group) => group.dn.toLowerCase()) };
  } catch (error) {
    // The server's own answers (no such base, service account refused, …) pass through; anything else is transport.
    if (error instanceof ResultCodeError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`LDAP server ${settings.url} is not reachable: ${reason}`, { cause: error });
  } finally {
    await Promise.allSettled([service.unbind(), user.unbind()]);
  }
}
