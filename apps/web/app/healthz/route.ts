/** The process is up. Readiness (Postgres and Docker) is /readyz. */
export function GET() {
  return Response.json({ status: "ok" });
}
