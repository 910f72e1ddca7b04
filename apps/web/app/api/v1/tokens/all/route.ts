import { listAllTokens } from "@berth/core";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute(async ({ ctx }) => listAllTokens(ctx));
