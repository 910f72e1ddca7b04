import { deleteUser, updateUser } from "@berth/core";
import { apiRoute } from "@/lib/api";

type Params = { id: string };

export const PATCH = apiRoute<Params>(async ({ ctx, params, body }) => updateUser(ctx, params.id, body));
export const DELETE = apiRoute<Params>(async ({ ctx, params }) => deleteUser(ctx, params.id));
