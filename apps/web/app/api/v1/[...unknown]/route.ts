import { AppError } from "@berth/core";
import type { ApiCall } from "@/lib/api";
import { apiRoute } from "@/lib/api";

// Any other path under /api/v1: the API's own 404, in its error format, rather than the dashboard's HTML page.
async function unknown({ request }: ApiCall<unknown>): Promise<never> {
  const route = `${request.method} ${request.nextUrl.pathname}`;
  throw new AppError("not_found", `There is no API route ${route}; see /api/v1/openapi.json.`);
}

export const GET = apiRoute(unknown, { public: true });
export const POST = apiRoute(unknown, { public: true });
export const PUT = apiRoute(unknown, { public: true });
export const PATCH = apiRoute(unknown, { public: true });
export const DELETE = apiRoute(unknown, { public: true });
