import { describe, expect, inject, it } from "vitest";
import { checkLdap } from "./check-ldap";

const settings = inject("ldap");

describe("checkLdap against the test directory", () => {
  it("answers when the service account binds", async () => {
    await expect(checkLdap(settings)).resolves.toBeUndefined();
  });

  it("rejects, naming the server, when it is not reachable or refuses the service account", async () => {
    const url = "ldap://127.0.0.1:1";
    await expect(checkLdap({ ...settings, url })).rejects.toThrow(`LDAP server ${url} does not let`);
    await expect(checkLdap({ ...settings, bindPassword: "not-it" })).rejects.toThrow(`LDAP server ${settings.url}`);
  });
});
