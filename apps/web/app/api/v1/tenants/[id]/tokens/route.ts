import { createTenantToken, listTenantTokens } from "@berth/core";
import { apiRoute } from "@/lib/api";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ ctx, params }) => listTenantTokens(ctx, params.id));
export const POST = apiRoute<Params>(async ({ ctx, params, body }) => createTenantToken(ctx, params.id, body), {
  status: 201,
});
