import { writeAudit } from "../audit/write-audit";
import type { Context } from "../context";
import { hashSecret } from "./secrets";

/** Ends the session server-side: the cookie no longer works anywhere. */
export async function signOut(ctx: Context, token: string): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { id: hashSecret(token) } });
    if (count === 0 || ctx.principal.kind !== "user") return;
    await writeAudit(tx, ctx.principal, ctx.request, {
      action: "auth.signed_out",
      targetType: "user",
      targetId: ctx.principal.userId,
    });
  });
}
