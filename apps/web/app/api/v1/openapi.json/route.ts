import { apiRoute } from "@/lib/api";
import { openApiDocument } from "@/lib/openapi";

export const GET = apiRoute(async () => openApiDocument(), { public: true });
