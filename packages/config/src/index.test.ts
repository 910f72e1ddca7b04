import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./index";

const valid = {
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/berth",
  BERTH_SECRET_KEY: Buffer.alloc(32, 7).toString("base64"),
};

describe("loadConfig", () => {
  it("applies defaults to a minimal environment", () => {
    const config = loadConfig(valid);
    expect(config.DOCKER_HOST).toBe("unix:///var/run/docker.sock");
    expect(config.BERTH_ADMIN_EMAIL).toBe("admin@berth.local");
  });

  it("reads the LDAP group map as JSON, and names LDAP_GROUP_MAP when it is not", () => {
    const map = [{ dn: "CN=Acme-Owners,ou=groups,dc=x", tenant: "acme", role: "owner" }];
    const config = loadConfig({ ...valid, LDAP_GROUP_MAP: JSON.stringify(map) });
    expect(config.LDAP_GROUP_MAP).toEqual([{ dn: "cn=acme-owners,ou=groups,dc=x", tenant: "acme", role: "owner" }]);
    expect(() => loadConfig({ ...valid, LDAP_GROUP_MAP: "cn=x" })).toThrow(
      /^Environment variable LDAP_GROUP_MAP must be JSON like/,
    );
    expect(() => loadConfig({ ...valid, BERTH_SESSION_IDLE_MINUTES: "0" })).toThrow(
      "Environment variable BERTH_SESSION_IDLE_MINUTES must be at least 1.",
    );
  });

  it("reads trusted proxies as addresses and CIDRs, and refuses anything else", () => {
    expect(loadConfig(valid).BERTH_TRUSTED_PROXIES).toEqual([]);
    expect(
      loadConfig({ ...valid, BERTH_TRUSTED_PROXIES: "10.0.0.0/8, 127.0.0.1,::1/128" }).BERTH_TRUSTED_PROXIES,
    ).toEqual([
      { address: "10.0.0.0", prefix: 8, family: "ipv4" },
      { address: "127.0.0.1", prefix: 32, family: "ipv4" },
      { address: "::1", prefix: 128, family: "ipv6" },
    ]);
    for (const bad of ["10.0.0.0/33", "proxy.local", "10.0.0.0/8/1", "10.0.0.0/x"]) {
      expect(() => loadConfig({ ...valid, BERTH_TRUSTED_PROXIES: bad })).toThrow(
        /^Environment variable BERTH_TRUSTED_PROXIES must be addresses or CIDRs/,
      );
    }
  });

  it("names a missing variable in one sentence", () => {
    expect(() => loadConfig({ BERTH_SECRET_KEY: valid.BERTH_SECRET_KEY })).toThrow(
      new ConfigError("Environment variable DATABASE_URL is not set."),
    );
  });

  it("names a malformed variable and says what it must be", () => {
    expect(() => loadConfig({ ...valid, BERTH_SECRET_KEY: "short" })).toThrow(
      /^Environment variable BERTH_SECRET_KEY must be 32 random bytes/,
    );
    expect(() => loadConfig({ ...valid, DATABASE_URL: "mysql://x@y/z" })).toThrow(
      /^Environment variable DATABASE_URL must start with postgres/,
    );
    expect(() => loadConfig({ ...valid, DATABASE_OWNER_URL: "mysql://x@y/z" })).toThrow(
      /^Environment variable DATABASE_OWNER_URL must start with postgres/,
    );
    expect(() => loadConfig({ ...valid, BERTH_SECRET_KEY_PREVIOUS: "short" })).toThrow(
      /^Environment variable BERTH_SECRET_KEY_PREVIOUS must be 32 random bytes/,
    );
  });

  it("takes an instance name as a short slug, and none by default", () => {
    expect(loadConfig(valid).BERTH_INSTANCE).toBeUndefined();
    expect(loadConfig({ ...valid, BERTH_INSTANCE: "staging-2" }).BERTH_INSTANCE).toBe("staging-2");
    for (const bad of ["Staging", "-staging", "staging-", "stag ing", "x".repeat(41)]) {
      expect(() => loadConfig({ ...valid, BERTH_INSTANCE: bad })).toThrow(
        /^Environment variable BERTH_INSTANCE must be/,
      );
    }
  });

  it("reads NAME_FILE as NAME, the way Docker secrets arrive", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "berth-config-"));
    writeFileSync(path.join(dir, "key"), `${valid.BERTH_SECRET_KEY}\n`);
    const config = loadConfig({ DATABASE_URL: valid.DATABASE_URL, BERTH_SECRET_KEY_FILE: path.join(dir, "key") });
    expect(config.BERTH_SECRET_KEY).toBe(valid.BERTH_SECRET_KEY);
    expect(() => loadConfig({ ...valid, DATABASE_URL: undefined, DATABASE_URL_FILE: "/nonexistent" })).toThrow(
      "Environment variable DATABASE_URL_FILE names /nonexistent, which cannot be read.",
    );
  });

  it("reads only the variables asked for", () => {
    expect(loadConfig({ DATABASE_URL: valid.DATABASE_URL }, ["DATABASE_URL"])).toEqual({
      DATABASE_URL: valid.DATABASE_URL,
    });
  });
});
