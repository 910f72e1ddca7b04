import { apiRoute } from "@/lib/api";

export const GET = apiRoute(async ({ ctx }) => ctx.principal);
