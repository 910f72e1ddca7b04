import { expect, test } from "@playwright/test";

// Every answer to bad input is a 4xx with a message a person can act on, never a 500 or a stack trace.
test.describe("the HTTP API answers bad requests with errors a person can act on", () => {
  test.beforeEach(async ({ request }) => {
    const login = await request.post("/api/v1/auth/login", {
      data: { email: "admin@berth.local", password: process.env.BERTH_E2E_ADMIN_PASSWORD },
    });
    expect(login.status()).toBe(200);
  });

  test("healthz answers while the process is up", async ({ request }) => {
    const response = await request.get("/healthz");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  test("the OpenAPI document is served to anyone, without a session", async ({ playwright }) => {
    const anonymous = await playwright.request.newContext({ baseURL: "http://127.0.0.1:3100" });
    const response = await anonymous.get("/api/v1/openapi.json");
    expect(response.status()).toBe(200);
    const document = await response.json();
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/projects", "/audit", "/tokens/{id}"]));
    await anonymous.dispose();
  });

  test("invalid fields: 422 naming each field", async ({ request }) => {
    const response = await request.post("/api/v1/projects", {
      data: {
        tenant: "Not A Slug",
        name: "",
        services: [{ name: "web", image: "", replicas: 1000, ports: [{ target: 70000, published: 30000 }] }],
      },
    });
    expect(response.status()).toBe(422);
    const { error } = await response.json();
    expect(error.code).toBe("invalid");
    expect(error.fields).toEqual({
      tenant: "Use lower-case letters, digits and inner hyphens only.",
      name: "Enter a name.",
      "services.0.image": "Enter an image, for example nginx:1.27.",
      "services.0.replicas": "Use 0 to 100 replicas.",
      "services.0.ports.0.target": "Use a port from 1 to 65535.",
    });
  });

  test("a body that is not JSON: 400", async ({ request }) => {
    const response = await request.post("/api/v1/tenants", {
      headers: { "content-type": "application/json" },
      data: Buffer.from("{not json"),
    });
    expect(response.status()).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: "bad_request", message: "The request body is not valid JSON." },
    });
  });

  test("a duplicate tenant: 409, and the first one is untouched", async ({ request }) => {
    expect((await request.post("/api/v1/tenants", { data: { slug: "dup", name: "First" } })).status()).toBe(201);
    const again = await request.post("/api/v1/tenants", { data: { slug: "dup", name: "Second" } });
    expect(again.status()).toBe(409);
    expect((await again.json()).error.message).toBe("A tenant named dup exists already.");
    const tenants: { slug: string; name: string }[] = await (await request.get("/api/v1/tenants")).json();
    expect(tenants.filter((t) => t.slug === "dup")).toEqual([expect.objectContaining({ name: "First" })]);
  });

  test("a project that does not exist, or an id that is no id: 404", async ({ request }) => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "not-an-id"]) {
      const response = await request.get(`/api/v1/projects/${id}/services`);
      expect(response.status()).toBe(404);
      expect(await response.json()).toEqual({ error: { code: "not_found", message: "Project was not found." } });
    }
  });

  test("a session cookie sent from another site's page: 403, and nothing is created", async ({ request }) => {
    const response = await request.post("/api/v1/tenants", {
      headers: { origin: "http://evil.example" },
      data: { slug: "csrf", name: "Forged" },
    });
    expect(response.status()).toBe(403);
    expect((await response.json()).error.message).toBe("Cross-site request refused: send it from Berth's own pages.");
    const tenants: { slug: string }[] = await (await request.get("/api/v1/tenants")).json();
    expect(tenants.map((t) => t.slug)).not.toContain("csrf");
  });

  test("a sign-in posted from another site's page: 403, and no session", async ({ playwright, baseURL }) => {
    const anonymous = await playwright.request.newContext({ baseURL });
    const response = await anonymous.post("/api/v1/auth/login", {
      headers: { "content-type": "text/plain", origin: "http://evil.test", "sec-fetch-site": "cross-site" },
      data: JSON.stringify({ email: "admin@berth.local", password: process.env.BERTH_E2E_ADMIN_PASSWORD }),
    });
    expect(response.status()).toBe(403);
    expect(response.headers()["set-cookie"]).toBeUndefined();
    await anonymous.dispose();
  });

  test("a body that is not declared JSON: 415, and nothing is created", async ({ request }) => {
    const response = await request.post("/api/v1/tenants", {
      headers: { "content-type": "text/plain" },
      data: JSON.stringify({ slug: "plain", name: "Plain" }),
    });
    expect(response.status()).toBe(415);
    expect((await response.json()).error).toEqual({
      code: "unsupported_media_type",
      message: "Send the body as JSON, with Content-Type: application/json.",
    });
    const tenants: { slug: string }[] = await (await request.get("/api/v1/tenants")).json();
    expect(tenants.map((t) => t.slug)).not.toContain("plain");
  });

  test("a body over the limit: 413, whether its length is declared or streamed", async ({ baseURL }) => {
    const big = `{"slug":"big","name":"${"x".repeat(2 * 1024 * 1024)}"}`;
    const declared = await fetch(`${baseURL}/api/v1/nope`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { error: { message: string } }).error.message).toBe(
      "The request body is larger than 1048576 bytes; send less.",
    );
    // Chunked, with no length announced: refused once the limit is passed while reading.
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 64; i++)
          controller.enqueue(new TextEncoder().encode(big.slice(i * 40_000, (i + 1) * 40_000)));
        controller.close();
      },
    });
    const streamed = await fetch(`${baseURL}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: chunks,
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  test("no session: 401", async ({ playwright, baseURL }) => {
    const anonymous = await playwright.request.newContext({ baseURL });
    const response = await anonymous.get("/api/v1/projects");
    expect(response.status()).toBe(401);
    expect(await response.json()).toEqual({ error: { code: "unauthenticated", message: "Sign in first." } });
    await anonymous.dispose();
  });

  test("a wrong password: 401, without saying whether the account exists", async ({ playwright, baseURL }) => {
    const anonymous = await playwright.request.newContext({ baseURL });
    for (const email of ["admin@berth.local", "nobody@berth.local"]) {
      const response = await anonymous.post("/api/v1/auth/login", { data: { email, password: "wrong" } });
      expect(response.status()).toBe(401);
      expect((await response.json()).error.message).toBe("The email or password is incorrect.");
    }
    await anonymous.dispose();
  });
});
