import { deleteProject, getProject } from "@berth/core";
import { apiRoute } from "@/lib/api";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ ctx, params }) => getProject(ctx, params.id));
export const DELETE = apiRoute<Params>(async ({ ctx, params }) => deleteProject(ctx, params.id), { status: 202 });
