import type { Config } from "@berth/config";
import type { LdapSettings } from "./ldap-authenticate";

/** How sign-in and sessions behave, from the configuration. */
export interface AuthSettings {
  sessionIdleMs: number;
  sessionLifetimeMs: number;
  /** Sign-in failures allowed per account and per client address within `signInWindowMs`. */
  signInFailuresAllowed: number;
  signInWindowMs: number;
  ldap: (LdapSettings & { groupMap: LdapGroupMapping[] }) | null;
}

/** Members of the LDAP group `dn` (lower case) get `role` in the tenant whose slug is `tenant`. */
export interface LdapGroupMapping {
  dn: string;
  tenant: string;
  role: "owner" | "viewer";
}

export function authSettingsFrom(config: Config): AuthSettings {
  return {
    sessionIdleMs: config.BERTH_SESSION_IDLE_MINUTES * 60_000,
    sessionLifetimeMs: config.BERTH_SESSION_LIFETIME_HOURS * 3_600_000,
    signInFailuresAllowed: config.BERTH_SIGNIN_FAILURES_ALLOWED,
    signInWindowMs: config.BERTH_SIGNIN_WINDOW_MINUTES * 60_000,
    ldap: config.LDAP_URL
      ? {
          url: config.LDAP_URL,
          bindDn: config.LDAP_BIND_DN,
          bindPassword: config.LDAP_BIND_PASSWORD,
          searchBase: config.LDAP_SEARCH_BASE,
          userFilter: config.LDAP_USER_FILTER,
          groupBase: config.LDAP_GROUP_BASE,
          groupMap: config.LDAP_GROUP_MAP,
        }
      : null,
  };
}
