import { secretKeysFrom, verifyAuditChain, verifyAuditChainToHead } from "@berth/core";
import { apiRoute } from "@/lib/api";
import { server } from "@/lib/server";

// ?head=id:hash:hmac (a head saved from GET /api/v1/audit/head) also checks that the log still reaches it.
export const GET = apiRoute(async ({ ctx, request }) => {
  const head = request.nextUrl.searchParams.get("head");
  if (head === null) return verifyAuditChain(ctx);
  return verifyAuditChainToHead({ ...ctx, secretKeys: secretKeysFrom(server().config) }, { head });
});
