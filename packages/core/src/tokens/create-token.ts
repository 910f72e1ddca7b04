import { authorize } from "@berth/policy";
import { z } from "zod";
import { writeAudit } from "../audit/write-audit";
import { hashSecret, newSecret } from "../auth/secrets";
import type { Context } from "../context";
import { AppError, parseInput } from "../errors";
import { getTenant } from "../tenants/get-tenant";
import { singleLine } from "../text";

const tokenFields = {
  name: singleLine().min(1, "Name the token, for example after the script that uses it.").max(100),
  expiresInDays: z
    .number("Give a whole number of days, or leave it out for a token that does not expire.")
    .int("Give a whole number of days.")
    .min(1, "A token lasts at least 1 day.")
    .max(3650, "A token lasts at most 3650 days.")
    .optional(),
};
export const createPlatformTokenInput = z.object({
  ...tokenFields,
  role: z.enum(["admin", "operator"], "Choose admin or operator."),
});
export const createTenantTokenInput = z.object({
  ...tokenFields,
  role: z.enum(["owner", "viewer"], "Choose owner or viewer."),
});

export const TOKEN_PREFIX = "berth_";

/**
 * Creates an API token with a platform role (`tenantId` null) or a role in one tenant. The token is in the answer
 * once; only its hash is kept.
 */
export async function createToken(ctx: Context, tenantId: string | null, input: unknown) {
  const tenant = tenantId === null ? null : await getTenant(ctx, tenantId);
  authorize(ctx.principal, "token.manage", { tenantId: tenant?.id });
  const creator = ctx.principal;
  if (creator.kind !== "user") throw new AppError("forbidden", "Sign in as a user to create API tokens.");
  const { name, role, expiresInDays } = tenant
    ? parseInput(createTenantTokenInput, input)
    : parseInput(createPlatformTokenInput, input);
  const token = newSecret(TOKEN_PREFIX);
  const expiresAt = expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null;
  const row = await ctx.db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        name,
        tokenHash: hashSecret(token),
        prefix: token.slice(0, TOKEN_PREFIX.length + 6),
        tenantId: tenant?.id ?? null,
        platformRole: tenant ? null : (role as "admin" | "operator"),
        tenantRole: tenant ? (role as "owner" | "viewer") : null,
        createdById: creator.userId,
        expiresAt,
      },
    });
    await writeAudit(tx, ctx.principal, ctx.request, {
      action: "token.created",
      targetType: "api_token",
      targetId: created.id,
      tenantId: tenant?.id ?? null,
      diff: { after: { name, role, prefix: created.prefix, expiresAt } },
    });
    return created;
  });
  return { id: row.id, name, role, prefix: row.prefix, expiresAt, token };
}
