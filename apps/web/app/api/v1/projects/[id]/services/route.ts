import { listProjectServices } from "@berth/core";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute<{ id: string }>(async ({ ctx, params }) => listProjectServices(ctx, params.id));
