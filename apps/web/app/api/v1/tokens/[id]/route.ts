import { revokeToken } from "@berth/core";
import { apiRoute } from "@/lib/api";

export const DELETE = apiRoute<{ id: string }>(async ({ ctx, params }) => revokeToken(ctx, params.id));
