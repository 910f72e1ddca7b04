import { authorize } from "@berth/policy";
import type { Context } from "../context";
import { getTenant } from "../tenants/get-tenant";
import { findTokens } from "./find-tokens";

/** A tenant's API tokens, newest first. */
export async function listTenantTokens(ctx: Context, tenantId: string) {
  const tenant = await getTenant(ctx, tenantId);
  authorize(ctx.principal, "token.manage", { tenantId: tenant.id });
  return findTokens(ctx, { tenantId: tenant.id });
}
