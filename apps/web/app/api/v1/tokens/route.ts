import { createPlatformToken, listPlatformTokens } from "@berth/core";
import { apiRoute } from "@/lib/api";

// Platform API tokens (admin or operator role); a tenant's tokens are under /tenants/{id}/tokens, and every token,
// for an admin, at /tokens/all.
export const GET = apiRoute(async ({ ctx }) => listPlatformTokens(ctx));
export const POST = apiRoute(async ({ ctx, body }) => createPlatformToken(ctx, body), { status: 201 });
