import { authorize } from "@berth/policy";
import type { Context } from "../context";
import { findTokens } from "./find-tokens";

/** The platform's API tokens (admin or operator role), newest first. */
export async function listPlatformTokens(ctx: Context) {
  authorize(ctx.principal, "token.manage_all");
  return findTokens(ctx, { tenantId: null });
}
