import { type APIRequestContext, expect, request, test } from "@playwright/test";
import fc from "fast-check";
import { BASE_URL } from "./global-setup";
import { ADMIN_EMAIL, adminPassword, signedIn } from "./sign-in";

// Property-based: arbitrary bodies and ids against the auth, tenant, user, member and token endpoints. Whatever
// arrives, the answer is never a 500, and a refused request changes nothing: the same tenants, users, members and
// tokens, and no audit entry but the record of a refusal.
test.describe.configure({ mode: "serial" });
const RUNS = 40;
let admin: APIRequestContext;
let tenantId: string;
let userId: string;

// Values of every JSON type, strings with control characters and NUL, and near-valid field values.
const nasty = fc.string({
  unit: fc.constantFrom("\0", "\n", "\t", "a", "é", "\u202e", "😀", "'", '"', "\\"),
  maxLength: 12,
});
const text = fc.oneof(
  { arbitrary: nasty, weight: 3 },
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.string({ maxLength: 20 }),
);
const value = fc.oneof(text, fc.jsonValue({ maxDepth: 2 }), fc.constantFrom("owner", "viewer", "admin", "operator"));
// Valid values for each field, so that bodies also get past validation and reach the database.
const valid: Record<string, fc.Arbitrary<unknown>> = {
  slug: fc.stringMatching(/^[a-z][a-z0-9-]{1,20}[a-z0-9]$/),
  email: fc.emailAddress(),
  password: fc.string({ unit: "binary", minLength: 12, maxLength: 40 }),
  newPassword: fc.string({ unit: "binary", minLength: 12, maxLength: 40 }),
  role: fc.constantFrom("owner", "viewer", "admin", "operator"),
  platformRole: fc.constantFrom("admin", "operator", null),
  expiresInDays: fc.integer({ min: -5, max: 4000 }),
};
const field = (...names: string[]) =>
  fc.record(Object.fromEntries(names.map((n) => [n, valid[n] ? fc.oneof(valid[n], value) : value])), {
    requiredKeys: [],
  }) as fc.Arbitrary<object>;
const bodyFor = (...names: string[]) =>
  fc.oneof(
    field(...names),
    fc.jsonValue({ maxDepth: 3 }),
    text.map((raw) => ({ raw })),
  );

async function snapshot() {
  const get = async (path: string) => (await admin.get(path)).text();
  return {
    tenants: await get("/api/v1/tenants"),
    users: await get("/api/v1/users"),
    members: await get(`/api/v1/tenants/${tenantId}/members`),
    tenantTokens: await get(`/api/v1/tenants/${tenantId}/tokens`),
    platformTokens: await get("/api/v1/tokens"),
  };
}

async function newestAuditId(): Promise<number> {
  const { entries } = await (await admin.get("/api/v1/audit?limit=1")).json();
  return Number(entries[0]?.id ?? 0);
}

/** Sends the body (a `{raw}` body as non-JSON text) and checks the answer and what it changed. */
async function check(client: APIRequestContext, method: string, path: string, body: unknown) {
  const before = await snapshot();
  const auditBefore = await newestAuditId();
  const raw = typeof body === "object" && body !== null && "raw" in body ? String(body.raw) : undefined;
  const response = await client.fetch(path, {
    method,
    data: raw ?? body,
    headers: raw === undefined ? {} : { "content-type": "application/json" },
  });
  const status = response.status();
  const text = await response.text();
  expect(status, `${method} ${path} ${JSON.stringify(body)} → ${text}`).toBeLessThan(500);
  if (status >= 400) {
    expect(JSON.parse(text).error.message, text).toMatch(/\S/);
    expect(await snapshot(), `${method} ${path} ${JSON.stringify(body)} changed state`).toEqual(before);
    const { entries } = await (await admin.get(`/api/v1/audit?limit=50`)).json();
    const written = entries.filter((e: { id: string }) => Number(e.id) > auditBefore);
    for (const entry of written)
      expect(["request.denied", "auth.sign_in_failed", "auth.sign_in_refused"]).toContain(entry.action);
  }
  return status;
}

test.beforeAll(async () => {
  admin = await signedIn(ADMIN_EMAIL, adminPassword());
  tenantId = (await (await admin.post("/api/v1/tenants", { data: { slug: "prop-a", name: "Prop A" } })).json()).id;
  const user = await admin.post("/api/v1/users", {
    data: { email: "prop-user@p.test", password: "prop user password" },
  });
  userId = (await user.json()).id;
});

test("sign-in: arbitrary bodies never answer 500 and never open a session", async () => {
  // An address of its own, so that the failures here do not limit other specs' sign-ins.
  const client = await request.newContext({
    baseURL: BASE_URL,
    extraHTTPHeaders: { "x-forwarded-for": "198.51.100.9" },
  });
  await fc.assert(
    fc.asyncProperty(bodyFor("email", "password"), async (body) => {
      expect([400, 401, 422, 429]).toContain(await check(client, "POST", "/api/v1/auth/login", body));
    }),
    { numRuns: RUNS },
  );
  await client.dispose();
});

test("tenants, users, members and tokens: arbitrary bodies never answer 500 nor write half", async () => {
  // Each with a body that is valid but for a NUL in free text, which Postgres cannot store: always tried.
  const endpoints: [string, string, string[], object][] = [
    ["POST", "/api/v1/tenants", ["slug", "name"], { slug: "nul-tenant", name: "a\0b" }],
    [
      "POST",
      "/api/v1/users",
      ["email", "password", "platformRole"],
      { email: "nul@p.test", password: "x\0".repeat(9) },
    ],
    ["POST", `/api/v1/tenants/${tenantId}/members`, ["email", "role"], { email: "a\0@p.test", role: "owner" }],
    ["POST", `/api/v1/tenants/${tenantId}/tokens`, ["name", "role", "expiresInDays"], { name: "\0", role: "owner" }],
    ["POST", "/api/v1/tokens", ["name", "role", "expiresInDays"], { name: "ci\0", role: "operator" }],
    ["POST", "/api/v1/me/password", ["currentPassword", "newPassword"], { currentPassword: "\0", newPassword: "\0" }],
    ["PATCH", `/api/v1/users/${userId}`, ["platformRole", "password"], { password: "\0".repeat(12) }],
  ];
  for (const [method, path, names, example] of endpoints) {
    await fc.assert(
      fc.asyncProperty(bodyFor(...names), async (body) => {
        await check(admin, method, path, body);
      }),
      { numRuns: RUNS, examples: [[example]] },
    );
  }
});

test("ids in paths: arbitrary strings never answer 500 nor change anything", async () => {
  // Non-empty, and not "." or "..", which the client resolves away before sending.
  const segment = fc.oneof(
    fc.uuid(),
    fc
      .string({ minLength: 1, maxLength: 40 })
      .filter((s) => s !== "." && s !== "..")
      .map(encodeURIComponent),
  );
  await fc.assert(
    fc.asyncProperty(segment, segment, async (a, b) => {
      for (const [method, path] of [
        ["DELETE", `/api/v1/tokens/${a}`],
        ["DELETE", `/api/v1/users/${a}/sessions`],
        ["DELETE", `/api/v1/users/${a}`],
        ["DELETE", `/api/v1/tenants/${a}/members/${b}`],
        ["GET", `/api/v1/tenants/${a}/tokens`],
      ] as const) {
        expect([200, 404]).toContain(await check(admin, method, path, undefined));
      }
    }),
    { numRuns: RUNS },
  );
});
