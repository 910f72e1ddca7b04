import { authorize } from "@berth/policy";
import { z } from "zod";
import { writeAudit } from "../audit/write-audit";
import type { Context } from "../context";
import { AppError, parseInput } from "../errors";
import { slug } from "../slug";
import { singleLine } from "../text";

export const createTenantInput = z.object({
  slug,
  name: singleLine().min(1, "Enter a display name.").max(100, "Use at most 100 characters."),
});

export async function createTenant(ctx: Context, input: unknown) {
  authorize(ctx.principal, "tenant.create");
  const data = parseInput(createTenantInput, input);
  return ctx.db.$transaction(async (tx) => {
    if (await tx.tenant.findUnique({ where: { slug: data.slug } })) {
      throw new AppError("conflict", `A tenant named ${data.slug} exists already.`, { slug: "Already taken." });
    }
    const tenant = await tx.tenant.create({ data });
    await writeAudit(tx, ctx.principal, ctx.request, {
      action: "tenant.created",
      targetType: "tenant",
      targetId: tenant.id,
      tenantId: tenant.id,
      diff: { after: data },
    });
    return tenant;
  });
}
