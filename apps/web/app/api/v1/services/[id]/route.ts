import { scaleService } from "@berth/core";
import { apiRoute } from "@/lib/api";

export const PATCH = apiRoute<{ id: string }>(async ({ ctx, params, body }) => scaleService(ctx, params.id, body));
