import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import { z } from "zod";
import { publishedPorts, tenantPlacement } from "./fence";

const ldapGroupMap = z.array(
  z.object({ dn: z.string().min(1).toLowerCase(), tenant: z.string().min(1), role: z.enum(["owner", "viewer"]) }),
);

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const postgresUrl = z
  .string()
  .url()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), "must start with postgres:// or postgresql://");

const secretKey = z
  .string()
  .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 random bytes in base64 (openssl rand -base64 32)");

export interface Cidr {
  address: string;
  prefix: number;
  family: "ipv4" | "ipv6";
}

/** "10.0.0.0/8" or a single address; null when it is neither. */
function cidrOf(text: string): Cidr | null {
  const [address = "", prefixText, ...rest] = text.split("/");
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return null;
  const bits = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (!/^\d+$/.test(prefixText ?? "0") || prefix > bits) return null;
  return { address, prefix, family: version === 4 ? "ipv4" : "ipv6" };
}

/** Every environment variable Berth reads, validated once at start-up. */
const schema = z.object({
  DATABASE_URL: postgresUrl,
  // The role that owns the tables: only the migrator and the worker's bootstrap use it (README, Configuration).
  DATABASE_OWNER_URL: postgresUrl.optional(),
  DOCKER_HOST: z
    .string()
    .default("unix:///var/run/docker.sock")
    .refine((v) => /^(unix|tcp|http|https):\/\//.test(v), "must be unix:///path or tcp://host:port"),
  BERTH_SECRET_KEY: secretKey,
  // The key before the last rotation: values sealed under it are still read, until `npm run secrets:reseal`.
  BERTH_SECRET_KEY_PREVIOUS: secretKey.optional(),
  BERTH_PUBLIC_URL: z.string().url().default("http://127.0.0.1:3000"),
  BERTH_ADMIN_EMAIL: z.string().email().default("admin@berth.local"),
  BERTH_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1, "must be at least 1").default(30),
  BERTH_SESSION_LIFETIME_HOURS: z.coerce.number().int().min(1, "must be at least 1").default(12),
  BERTH_SIGNIN_FAILURES_ALLOWED: z.coerce.number().int().min(1, "must be at least 1").default(10),
  BERTH_SIGNIN_WINDOW_MINUTES: z.coerce.number().int().min(1, "must be at least 1").default(15),
  // Proxies whose X-Forwarded-For is believed, as addresses or CIDRs ("10.0.0.0/8,192.168.1.7"); none by default.
  BERTH_TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((v, ctx) => {
      const cidrs = v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
        .map(cidrOf);
      if (cidrs.every((c) => c !== null)) return cidrs;
      ctx.addIssue({ code: "custom", message: "must be addresses or CIDRs separated by commas, e.g. 10.0.0.0/8" });
      return z.NEVER;
    }),
  BERTH_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024, "must be at least 1024")
    .default(1024 * 1024),
  // Which Berth created a Swarm object, when several share one Swarm (staging and production, tests beside a
  // quickstart): every service and network it creates is labelled berth.instance=<this>. Unset: no such label.
  BERTH_INSTANCE: z
    .string()
    .max(40, "must be at most 40 characters")
    .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, "must be lower-case letters, digits and inner hyphens, e.g. staging")
    .optional(),
  // Tenants' services: the host ports they may publish, and the Swarm constraints every one of them gets.
  BERTH_PUBLISHED_PORTS: publishedPorts,
  BERTH_TENANT_PLACEMENT: tenantPlacement,
  // LDAP sign-in, when LDAP_URL is set: users are looked up with LDAP_USER_FILTER under LDAP_SEARCH_BASE; the
  // groupOfNames under LDAP_GROUP_BASE they are members of give them tenant roles through LDAP_GROUP_MAP.
  LDAP_URL: z
    .string()
    .refine((v) => /^ldaps?:\/\//.test(v), "must be ldap://host:port or ldaps://host:port")
    .optional(),
  LDAP_BIND_DN: z.string().default(""),
  LDAP_BIND_PASSWORD: z.string().default(""),
  LDAP_SEARCH_BASE: z.string().default(""),
  LDAP_USER_FILTER: z.string().includes("{email}", "must contain {email}").default("(mail={email})"),
  LDAP_GROUP_BASE: z.string().default(""),
  LDAP_GROUP_MAP: z
    .string()
    .default("[]")
    .transform((v, ctx) => {
      const parsed = ldapGroupMap.safeParse(safeJson(v));
      if (parsed.success) return parsed.data;
      ctx.addIssue({ code: "custom", message: 'must be JSON like [{"dn":"cn=…","tenant":"acme","role":"owner"}]' });
      return z.NEVER;
    }),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Config = z.infer<typeof schema>;
export type ConfigKey = keyof Config;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** `NAME_FILE=/path` stands for `NAME=<the file's content>`, as Docker secrets are handed over. */
function withFileVariables(env: Record<string, string | undefined>) {
  const resolved = { ...env };
  for (const key of Object.keys(schema.shape)) {
    const file = env[`${key}_FILE`];
    if (file && resolved[key] === undefined) {
      try {
        resolved[key] = readFileSync(file, "utf8").trim();
      } catch {
        throw new ConfigError(`Environment variable ${key}_FILE names ${file}, which cannot be read.`);
      }
    }
  }
  return resolved;
}

/**
 * Reads the named variables (all of them by default) from `env`.
 * A missing or malformed variable throws a ConfigError whose message is one sentence naming it.
 */
export function loadConfig<K extends ConfigKey = ConfigKey>(
  env: Record<string, string | undefined> = process.env,
  keys?: readonly K[],
): Pick<Config, K> {
  const picked = keys ? schema.pick(Object.fromEntries(keys.map((k) => [k, true])) as never) : schema;
  const resolved = withFileVariables(env);
  const result = picked.safeParse(resolved);
  if (result.success) return result.data as Pick<Config, K>;
  const issue = result.error.issues[0];
  const name = String(issue?.path[0] ?? "environment");
  const problem = env[name] === undefined || env[name] === "" ? "is not set" : (issue?.message ?? "is invalid");
  throw new ConfigError(`Environment variable ${name} ${problem}.`);
}
