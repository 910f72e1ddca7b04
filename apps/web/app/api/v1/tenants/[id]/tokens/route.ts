import { createToken, listTokens } from "@berth/core";
import { apiRoute } from "@/lib/api";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ ctx, params }) => listTokens(ctx, params.id));
export const POST = apiRoute<Params>(async ({ ctx, params, body }) => createToken(ctx, params.id, body), {
  status: 201,
});
