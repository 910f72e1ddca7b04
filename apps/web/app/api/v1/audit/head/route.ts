import { getAuditHead, secretKeysFrom } from "@berth/core";
import { apiRoute } from "@/lib/api";
import { server } from "@/lib/server";

// Save the answer outside Berth; GET /api/v1/audit/verify?head=id:hash:hmac later proves nothing up to it was cut.
export const GET = apiRoute(async ({ ctx }) => getAuditHead({ ...ctx, secretKeys: secretKeysFrom(server().config) }));
