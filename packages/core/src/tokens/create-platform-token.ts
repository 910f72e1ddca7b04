import { authorize } from "@berth/policy";
import { z } from "zod";
import type { Context } from "../context";
import { parseInput } from "../errors";
import { issueToken, tokenFields } from "./issue-token";

export const createPlatformTokenInput = z.object({
  ...tokenFields,
  role: z.enum(["admin", "operator"], "Choose admin or operator."),
});

/** Creates an API token with a platform role; it acts for every tenant, within what its creator may do. */
export async function createPlatformToken(ctx: Context, input: unknown) {
  authorize(ctx.principal, "token.manage_all");
  const { role, ...fields } = parseInput(createPlatformTokenInput, input);
  return issueToken(ctx, { platformRole: role }, fields);
}
