import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "./auth/sign-in";
import type { Context } from "./context";
import { createTenant } from "./tenants/create-tenant";
import { adminContext, uniqueSlug } from "./test-context";
import { createUser } from "./users/create-user";

// Text Postgres cannot store, through the use-cases into the real database: a 422 naming the field, never a 500.
const broken = "Remove the NUL or the broken character (half of a UTF-16 surrogate pair).";
let ctx: Context;

beforeAll(async () => {
  ctx = await adminContext();
});
afterAll(() => ctx.db.$disconnect());

describe("text a request carries", () => {
  it("refuses a lone surrogate in a display name, and keeps a whole emoji", async () => {
    for (const name of ["x\ud800y", "\udfff", "a\udc00\ud800b"]) {
      await expect(createTenant(ctx, { slug: uniqueSlug("surr"), name })).rejects.toMatchObject({
        code: "invalid",
        fields: { name: broken },
      });
    }
    const tenant = await createTenant(ctx, { slug: uniqueSlug("emoji"), name: "x😀y" });
    expect(tenant.name).toBe("x😀y");
  });

  it("refuses a password with a lone surrogate, which could not be hashed apart from another", async () => {
    const email = `${uniqueSlug("surr")}@berth.test`;
    await expect(createUser(ctx, { email, password: "twelve chars\ud800" })).rejects.toMatchObject({
      fields: { password: broken },
    });
    await expect(
      signIn({ ...ctx, request: { ip: "192.0.2.77" } }, { email, password: "\udc00" }),
    ).rejects.toMatchObject({ code: "invalid", fields: { password: broken } });
  });
});
