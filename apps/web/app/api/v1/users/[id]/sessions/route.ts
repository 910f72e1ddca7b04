import { revokeUserSessions } from "@berth/core";
import { apiRoute } from "@/lib/api";

export const DELETE = apiRoute<{ id: string }>(async ({ ctx, params }) => revokeUserSessions(ctx, params.id));
