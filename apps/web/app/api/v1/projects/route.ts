import { createProject, listProjects } from "@berth/core";
import { apiRoute } from "@/lib/api";

export const GET = apiRoute(async ({ ctx }) => listProjects(ctx));
export const POST = apiRoute(async ({ ctx, body }) => createProject(ctx, body), { status: 201 });
