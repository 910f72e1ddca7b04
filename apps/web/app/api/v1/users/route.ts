import { createUser, listUsers } from "@berth/core";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute(async ({ ctx }) => listUsers(ctx));
export const POST = apiRoute(async ({ ctx, body }) => createUser(ctx, body), { status: 201 });
