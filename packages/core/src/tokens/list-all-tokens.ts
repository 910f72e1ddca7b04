import { authorize } from "@berth/policy";
import type { Context } from "../context";
import { findTokens } from "./find-tokens";

/** Every API token, the platform's and every tenant's, newest first: for an admin to review and revoke. */
export async function listAllTokens(ctx: Context) {
  authorize(ctx.principal, "token.manage_all");
  return findTokens(ctx, {});
}
