import { authorize } from "@berth/policy";
import { z } from "zod";
import type { Context } from "../context";
import { parseInput } from "../errors";
import { getTenant } from "../tenants/get-tenant";
import { issueToken, tokenFields } from "./issue-token";

export const createTenantTokenInput = z.object({
  ...tokenFields,
  role: z.enum(["owner", "viewer"], "Choose owner or viewer."),
});

/** Creates an API token with a role in one tenant, within what its creator may do there. */
export async function createTenantToken(ctx: Context, tenantId: string, input: unknown) {
  const tenant = await getTenant(ctx, tenantId);
  authorize(ctx.principal, "token.manage", { tenantId: tenant.id });
  const { role, ...fields } = parseInput(createTenantTokenInput, input);
  return issueToken(ctx, { tenantId: tenant.id, tenantRole: role }, fields);
}
