import { authorize } from "@berth/policy";
import { z } from "zod";
import { writeAudit } from "../audit/write-audit";
import type { Context } from "../context";
import { AppError, parseInput } from "../errors";
import { getTenant } from "../tenants/get-tenant";
import { emailField } from "../text";
import { keepAnOwner } from "./keep-an-owner";

export const addMemberInput = z.object({
  email: emailField(),
  role: z.enum(["owner", "viewer"], "Choose owner or viewer."),
});

/** Gives an existing user a role in the tenant, or changes the role it has. */
export async function addMember(ctx: Context, tenantId: string, input: unknown) {
  const tenant = await getTenant(ctx, tenantId);
  authorize(ctx.principal, "member.manage", { tenantId: tenant.id });
  const { email, role } = parseInput(addMemberInput, input);
  return ctx.db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email } });
    if (!user) throw new AppError("invalid", "No user has this email.", { email: "Ask an admin to create the user." });
    const before = await tx.membership.findUnique({
      where: { tenantId_userId: { tenantId: tenant.id, userId: user.id } },
    });
    if (before?.role === "owner" && role !== "owner") await keepAnOwner(tx, tenant.id, user.id);
    const membership = await tx.membership.upsert({
      where: { tenantId_userId: { tenantId: tenant.id, userId: user.id } },
      create: { tenantId: tenant.id, userId: user.id, role },
      update: { role },
    });
    await writeAudit(tx, ctx.principal, ctx.request, {
      action: before ? "member.role_changed" : "member.added",
      targetType: "membership",
      targetId: membership.id,
      tenantId: tenant.id,
      diff: { before: before ? { role: before.role } : undefined, after: { email, role } },
    });
    return { userId: user.id, email, role };
  });
}
