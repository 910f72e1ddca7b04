import { can } from "@berth/policy";
import { checkReadiness, withoutAddresses } from "@/lib/readiness";
import { server } from "@/lib/server";
import { currentPrincipal } from "@/lib/session";

export const dynamic = "force-dynamic";

/**
 * 200 when Postgres, Docker and its event stream answer; 503 naming what does not (LDAP is named but does not count).
 * Where it is (the address, the driver's error) goes to the log and to signed-in admins only; without Postgres no
 * session can be checked, so then to the log alone.
 */
export async function GET() {
  const readiness = await checkReadiness();
  const status = readiness.ok ? 200 : 503;
  const checks = [readiness.postgres, readiness.docker, readiness.events, readiness.ldap];
  if (checks.every((check) => !check || check.ok)) return Response.json(readiness, { status });
  server().log.warn({ readiness }, readiness.ok ? "a dependency does not answer" : "not ready");
  const principal = readiness.postgres.ok ? await currentPrincipal().catch(() => null) : null;
  const body = principal && can(principal, "platform.inspect") ? readiness : withoutAddresses(readiness);
  return Response.json(body, { status });
}
