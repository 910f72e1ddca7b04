import { describe, expect, inject, it } from "vitest";
import { ldapAuthenticate } from "./ldap-authenticate";

// The test directory of scripts/env/ldap.sh: alice in acme-owners, bob in globex-viewers, carol in no group.
const settings = { ...inject("ldap"), userFilter: "(mail={email})" };
const people = settings.searchBase;
const groups = settings.groupBase;

describe("ldapAuthenticate against the test directory", () => {
  it("answers the user's DN and its groups, lower-cased, for the right password", async () => {
    expect(await ldapAuthenticate(settings, "alice@acme.test", "alice-pass")).toEqual({
      dn: `uid=alice,${people}`,
      groups: [`cn=acme-owners,${groups}`.toLowerCase()],
    });
    expect(await ldapAuthenticate(settings, "bob@globex.test", "bob-pass")).toEqual({
      dn: `uid=bob,${people}`,
      groups: [`cn=globex-viewers,${groups}`.toLowerCase()],
    });
  });

  it("answers no groups for a user in none", async () => {
    expect(await ldapAuthenticate(settings, "carol@acme.test", "carol-pass")).toEqual({
      dn: `uid=carol,${people}`,
      groups: [],
    });
  });

  it("answers null for a wrong password, an unknown email and an empty password", async () => {
    expect(await ldapAuthenticate(settings, "alice@acme.test", "bob-pass")).toBeNull();
    expect(await ldapAuthenticate(settings, "nobody@acme.test", "alice-pass")).toBeNull();
    expect(await ldapAuthenticate(settings, "alice@acme.test", "")).toBeNull();
  });

  it("escapes the email in the filter", async () => {
    // Unescaped, `alice*` would find alice and sign her in, and the others would break or widen the filter.
    expect(await ldapAuthenticate(settings, "*)(mail=*", "alice-pass")).toBeNull();
    expect(await ldapAuthenticate(settings, "alice@acme.test)(mail=*", "alice-pass")).toBeNull();
    expect(await ldapAuthenticate(settings, "alice*", "alice-pass")).toBeNull();
  });

  it("rejects with the server's URL when it is not reachable", async () => {
    const url = "ldap://127.0.0.1:1";
    await expect(ldapAuthenticate({ ...settings, url }, "alice@acme.test", "alice-pass")).rejects.toThrow(
      `LDAP server ${url} is not reachable`,
    );
  });
});
