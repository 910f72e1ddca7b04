import { addMember, listMembers } from "@berth/core";
import { apiRoute } from "@/lib/api";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ ctx, params }) => listMembers(ctx, params.id));
export const POST = apiRoute<Params>(async ({ ctx, params, body }) => addMember(ctx, params.id, body), {
  status: 201,
});
