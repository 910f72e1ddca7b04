import { type APIRequestContext, expect, request, test } from "@playwright/test";
import Docker from "dockerode";
import fc from "fast-check";
import { readTestEnv } from "../test/test-env";
import { BASE_URL } from "./global-setup";
import { ADMIN_EMAIL, adminPassword, signedIn } from "./sign-in";

// Property-based: arbitrary bodies and ids against the auth, tenant, user, member, token and project endpoints.
// Whatever arrives, the answer is never a 500, and a refused request changes nothing: the same tenants, users,
// members, tokens and projects, no Swarm object, and no audit entry but the record of a refusal.
test.describe.configure({ mode: "serial" });
const RUNS = 40;
let admin: APIRequestContext;
let tenantId: string;
let userId: string;

// Full Unicode: characters of every plane, and lone surrogates (half of a UTF-16 pair, which no encoding can write;
// fast-check's "binary" unit never makes them).
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const anyUnit = fc.oneof(
  fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
  loneSurrogate,
);
const fullUnicode = (length: { minLength?: number; maxLength: number }) => fc.string({ unit: anyUnit, ...length });
// Values of every JSON type, strings with control characters, NUL and lone surrogates, and near-valid field values.
const nasty = fc.string({
  unit: fc.constantFrom("\0", "\n", "\t", "a", "é", "\u202e", "😀", "\ud800", "\udfff", "'", '"', "\\"),
  maxLength: 12,
});
const text = fc.oneof({ arbitrary: nasty, weight: 3 }, fullUnicode({ maxLength: 300 }), fc.string({ maxLength: 20 }));
const value = fc.oneof(text, fc.jsonValue({ maxDepth: 2 }), fc.constantFrom("owner", "viewer", "admin", "operator"));
// Valid values for each field, so that bodies also get past validation and reach the database.
const slug = fc.stringMatching(/^[a-z][a-z0-9-]{1,20}[a-z0-9]$/);
const valid: Record<string, fc.Arbitrary<unknown>> = {
  slug,
  email: fc.emailAddress(),
  password: fullUnicode({ minLength: 12, maxLength: 40 }),
  newPassword: fullUnicode({ minLength: 12, maxLength: 40 }),
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
    projects: await get("/api/v1/projects"),
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
      expect([400, 401, 415, 422, 429]).toContain(await check(client, "POST", "/api/v1/auth/login", body));
    }),
    { numRuns: RUNS, examples: [[{ email: "surr@p.test", password: "a password\ud800" }]] },
  );
  await client.dispose();
});

test("tenants, users, members and tokens: arbitrary bodies never answer 500 nor write half", async () => {
  // Each with bodies that are valid but for a NUL or a lone surrogate in free text, which Postgres cannot store:
  // always tried.
  const endpoints: [string, string, string[], object[]][] = [
    [
      "POST",
      "/api/v1/tenants",
      ["slug", "name"],
      [
        { slug: "nul-tenant", name: "a\0b" },
        { slug: "surr", name: "x\ud800y" },
      ],
    ],
    [
      "POST",
      "/api/v1/users",
      ["email", "password", "platformRole"],
      [
        { email: "nul@p.test", password: "x\0".repeat(9) },
        { email: "surr@p.test", password: "x\udc00".repeat(9) },
      ],
    ],
    [
      "POST",
      `/api/v1/tenants/${tenantId}/members`,
      ["email", "role"],
      [
        { email: "a\0@p.test", role: "owner" },
        { email: "a\ud800@p.test", role: "owner" },
      ],
    ],
    [
      "POST",
      `/api/v1/tenants/${tenantId}/tokens`,
      ["name", "role", "expiresInDays"],
      [
        { name: "\0", role: "owner" },
        { name: "\udfff", role: "owner" },
      ],
    ],
    [
      "POST",
      "/api/v1/tokens",
      ["name", "role", "expiresInDays"],
      [
        { name: "ci\0", role: "operator" },
        { name: "ci\ud800", role: "operator" },
      ],
    ],
    [
      "POST",
      "/api/v1/me/password",
      ["currentPassword", "newPassword"],
      [
        { currentPassword: "\0", newPassword: "\0" },
        { currentPassword: "\ud800", newPassword: "new password\udfff" },
      ],
    ],
    [
      "PATCH",
      `/api/v1/users/${userId}`,
      ["platformRole", "password"],
      [{ password: "\0".repeat(12) }, { password: "\ud800".repeat(12) }],
    ],
  ];
  for (const [method, path, names, examples] of endpoints) {
    await fc.assert(
      fc.asyncProperty(bodyFor(...names), async (body) => {
        await check(admin, method, path, body);
      }),
      { numRuns: RUNS, examples: examples.map((example): [object] => [example]) },
    );
  }
});

test("projects: arbitrary bodies never answer 500, and a refused one writes nothing and creates nothing in Swarm", async () => {
  const docker = new Docker({ socketPath: new URL(readTestEnv().DOCKER_HOST).pathname });
  const swarmObjects = async (...labels: string[]) => {
    const filters = { label: labels };
    return [...(await docker.listServices({ filters })), ...(await docker.listNetworks({ filters }))].length;
  };
  // Mostly valid fields, so that about one body in ten reaches the database and the worker; near-valid ones beside
  // them: images Docker could not pull, host ports out of the range and a few in it (so that projects contend for
  // them), text of every kind in arguments. No replicas, so that no container starts.
  const often = (valid: fc.Arbitrary<unknown>) => fc.oneof({ arbitrary: valid, weight: 9 }, value);
  const port = often(
    fc.oneof({ arbitrary: fc.integer({ min: 30000, max: 30009 }), weight: 9 }, fc.integer({ min: -1, max: 70000 })),
  );
  const service = fc.record({
    name: often(slug),
    image: fc.oneof(
      { arbitrary: fc.constant("berth-test/busybox:1"), weight: 6 },
      fc.constantFrom("busybox@sha256:zz", "Busybox:1", "a:-1"),
      text,
    ),
    command: often(fc.array(fc.oneof({ arbitrary: fc.string({ maxLength: 10 }), weight: 3 }, text), { maxLength: 2 })),
    replicas: often(fc.constant(0)),
    ports: often(fc.array(fc.record({ target: port, published: port }), { maxLength: 2 })),
  });
  const body = fc.oneof(
    {
      arbitrary: fc.record({
        tenant: often(fc.constant("prop-a")),
        name: often(slug),
        services: often(fc.array(service, { minLength: 1, maxLength: 2 })),
      }),
      weight: 3,
    },
    fc.jsonValue({ maxDepth: 3 }),
    text.map((raw) => ({ raw })),
  );
  const web = { name: "web", image: "berth-test/busybox:1", replicas: 0 };
  // Always tried: a lone surrogate, an image Docker cannot pull, a port outside the range, a name too long for Swarm,
  // and more replicas of a host port than the test swarm's one node holds.
  const examples = [
    { ...web, command: ["x\ud800"] },
    { ...web, image: "busybox@sha256:zz" },
    { ...web, ports: [{ target: 80, published: 80 }] },
    { ...web, name: "s".repeat(30), ports: [{ target: 80, published: 30000 }] },
    { ...web, replicas: 2, ports: [{ target: 80, published: 30001 }] },
  ].map((s): [object] => [{ tenant: "prop-a", name: "p".repeat(30), services: [s] }]);
  // And one that is valid, so that a project is created at least once.
  examples.push([
    { tenant: "prop-a", name: "valid", services: [{ ...web, ports: [{ target: 80, published: 30002 }] }] },
  ]);
  /** "tenant/project" → id, of every project. */
  const projectIds = async () => {
    const projects: { id: string; slug: string; tenant: { slug: string } }[] = await (
      await admin.get("/api/v1/projects")
    ).json();
    return new Map(projects.map((p) => [`${p.tenant.slug}/${p.slug}`, p.id]));
  };
  await fc.assert(
    fc.asyncProperty(body, async (b) => {
      const { tenant, name } = (typeof b === "object" && b !== null ? b : {}) as { tenant?: unknown; name?: unknown };
      const existed = (await projectIds()).has(`${tenant}/${name}`);
      const status = await check(admin, "POST", "/api/v1/projects", b);
      expect([201, 400, 404, 409, 415, 422]).toContain(status);
      // Only a slug can name a Swarm object.
      const slugs = [tenant, name].every((v) => typeof v === "string" && /^[a-z0-9-]+$/.test(v));
      if (status >= 400 && !existed && slugs) {
        const objects = await swarmObjects(`berth.tenant=${tenant}`, `berth.project=${name}`);
        expect(objects, `Swarm objects for ${JSON.stringify(b)}`).toBe(0);
      }
    }),
    { numRuns: RUNS, examples },
  );
  for (const [key, id] of await projectIds()) {
    if (key.startsWith("prop-a/")) expect((await admin.delete(`/api/v1/projects/${id}`)).status()).toBe(202);
  }
  await expect.poll(() => swarmObjects("berth.tenant=prop-a"), { timeout: 60_000 }).toBe(0);
});

test("scaling: arbitrary bodies never answer 500, and a refused one leaves the replicas as they were", async () => {
  const project = await admin.post("/api/v1/projects", {
    data: { tenant: "prop-a", name: "scaled", services: [{ name: "web", image: "berth-test/busybox:1", replicas: 0 }] },
  });
  expect(project.status()).toBe(201);
  const { id, services } = await project.json();
  const path = `/api/v1/services/${services[0].id}`;
  const replicas = async () => (await (await admin.get(`/api/v1/projects/${id}`)).json()).services[0].replicas;
  // Mostly near-valid counts (none that starts a container), beside values of every kind and text that is no JSON.
  const body = fc.oneof(
    { arbitrary: fc.record({ replicas: fc.oneof(fc.constant(0), fc.integer(), fc.double(), value) }), weight: 3 },
    fc.record({ replicas: fc.constant(0), extra: value }),
    fc.jsonValue({ maxDepth: 2 }),
    text.map((raw) => ({ raw })),
  );
  await fc.assert(
    fc.asyncProperty(body, async (b) => {
      const before = await replicas();
      const status = await check(admin, "PATCH", path, b);
      expect([200, 400, 415, 422]).toContain(status);
      if (status !== 200) expect(await replicas()).toBe(before);
    }),
    { numRuns: RUNS, examples: [[{ replicas: 101 }], [{ replicas: -1 }], [{ replicas: "1" }], [{ replicas: 0 }]] },
  );
  // A body over the limit is refused before it is read, whatever it holds.
  const oversized = await admin.fetch(path, {
    method: "PATCH",
    data: { replicas: 0, pad: "x".repeat(2 * 1024 * 1024) },
  });
  expect(oversized.status()).toBe(413);
  expect((await admin.delete(`/api/v1/projects/${id}`)).status()).toBe(202);
  // Gone before the next test counts the projects: the reconciler removes it meanwhile otherwise.
  await expect.poll(async () => (await admin.get(`/api/v1/projects/${id}`)).status(), { timeout: 60_000 }).toBe(404);
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
