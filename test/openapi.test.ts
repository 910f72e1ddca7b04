import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { documentedOperations, openApiDocument } from "../apps/web/lib/openapi";
import { apiRoutes } from "./api-routes";

describe("GET /api/v1/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(JSON.stringify(openApiDocument())));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("documents every route under app/api/v1, and nothing else", () => {
    // The catch-all [...unknown] answers 404 for every other path; it is no operation.
    const routes = apiRoutes()
      .filter((r) => !r.path.includes("[..."))
      .flatMap((r) => r.methods.map((m) => `${m} ${r.path.replace(/\[(\w+)\]/g, "{$1}")}`));
    expect([...documentedOperations()].sort()).toEqual(routes.sort());
  });

  it("describes request bodies with the use-cases' own schemas", () => {
    // As served: plain JSON.
    const document = JSON.parse(JSON.stringify(openApiDocument()));
    const schema = document.paths["/projects"].post.requestBody.content["application/json"].schema;
    expect(schema).toMatchObject({ type: "object", required: expect.arrayContaining(["tenant", "name", "services"]) });
  });
});
