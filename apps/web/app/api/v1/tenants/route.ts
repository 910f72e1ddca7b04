import { createTenant, listTenants } from "@berth/core";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute(async ({ ctx }) => listTenants(ctx));
export const POST = apiRoute(async ({ ctx, body }) => createTenant(ctx, body), { status: 201 });
