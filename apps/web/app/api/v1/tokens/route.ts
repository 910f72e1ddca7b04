import { createToken, listTokens } from "@berth/core";
import { apiRoute } from "@/lib/api";

// Platform API tokens (admin or operator role); a tenant's tokens are under /tenants/{id}/tokens.
export const GET = apiRoute(async ({ ctx }) => listTokens(ctx, null));
export const POST = apiRoute(async ({ ctx, body }) => createToken(ctx, null, body), { status: 201 });
