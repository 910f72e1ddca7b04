import { describe, expect, it } from "vitest";
import { apiRoutes } from "./api-routes";

// Every /api/v1 handler is `apiRoute(…)`: the wrapper that resolves the principal, checks cross-site requests and
// maps errors. A handler written any other way would skip those, so it fails here.
describe("the /api/v1 routes", () => {
  const routes = apiRoutes();

  it("are found", () => {
    expect(routes.map((r) => r.path)).toContain("/projects/[id]/services");
  });

  for (const route of routes) {
    for (const method of route.methods) {
      it(`${method} ${route.path} goes through apiRoute`, () => {
        expect(route.handlers[method]).toMatch(new RegExp(`^export const ${method} = apiRoute(<[^>]+>)?\\(`));
      });
    }
  }
});
