import { can } from "@berth/policy";
import { checkReadiness, withoutAddresses } from "@/lib/readiness";
import { server } from "@/lib/server";
import { currentPrincipal } from "@/lib/session";

export const dynamic = "force-dynamic";

/**
 * 200 when Postgres and Docker both answer; 503 naming what does not. Where it is (the address, the driver's error)
 * goes to the log and to signed-in admins only; without Postgres no session can be checked, so then to the log alone.
 */
export async function GET() {
  const readiness = await checkReadiness();
  if (readiness.ok) return Response.json(readiness);
  server().log.warn({ readiness }, "not ready");
  const principal = readiness.postgres.ok ? await currentPrincipal().catch(() => null) : null;
  const body = principal && can(principal, "platform.inspect") ? readiness : withoutAddresses(readiness);
  return Response.json(body, { status: 503 });
}
