import { removeMember } from "@berth/core";
import { apiRoute } from "@/lib/api";

export const DELETE = apiRoute<{ id: string; userId: string }>(async ({ ctx, params }) =>
  removeMember(ctx, params.id, params.userId),
);
