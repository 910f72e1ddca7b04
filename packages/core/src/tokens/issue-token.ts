import { authorizeUser, type PlatformRole, type TenantRole } from "@berth/policy";
import { z } from "zod";
import { writeAudit } from "../audit/write-audit";
import { hashSecret, newSecret } from "../auth/secrets";
import type { Context } from "../context";
import { singleLine } from "../text";

/** The fields every new token has, besides its role. */
export const tokenFields = {
  name: singleLine().min(1, "Name the token, for example after the script that uses it.").max(100),
  expiresInDays: z
    .number("Give a whole number of days, or leave it out for a token that does not expire.")
    .int("Give a whole number of days.")
    .min(1, "A token lasts at least 1 day.")
    .max(3650, "A token lasts at most 3650 days.")
    .optional(),
};

export const TOKEN_PREFIX = "berth_";

type Grant = { tenantId: string; tenantRole: TenantRole } | { platformRole: PlatformRole };

/**
 * Makes an API token for the signing-in user who asked (a token does not make tokens: a leaked one could not mint
 * itself a successor), audited in the same transaction. The token is in the answer once; only its hash is kept.
 */
export async function issueToken(
  ctx: Context,
  grant: Grant,
  { name, expiresInDays }: { name: string; expiresInDays?: number | undefined },
) {
  const creator = ctx.principal;
  authorizeUser(creator, "account.issue_token");
  const token = newSecret(TOKEN_PREFIX);
  const expiresAt = expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null;
  const role = "platformRole" in grant ? grant.platformRole : grant.tenantRole;
  const tenantId = "tenantId" in grant ? grant.tenantId : null;
  const row = await ctx.db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        ...grant,
        name,
        tokenHash: hashSecret(token),
        prefix: token.slice(0, TOKEN_PREFIX.length + 6),
        createdById: creator.userId,
        expiresAt,
      },
    });
    await writeAudit(tx, ctx.principal, ctx.request, {
      action: "token.created",
      targetType: "api_token",
      targetId: created.id,
      tenantId,
      diff: { after: { name, role, prefix: created.prefix, expiresAt } },
    });
    return created;
  });
  return { id: row.id, name, role, prefix: row.prefix, expiresAt, token };
}
