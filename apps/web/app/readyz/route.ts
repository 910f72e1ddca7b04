import { checkReadiness } from "@/lib/readiness";

export const dynamic = "force-dynamic";

/** 200 when Postgres and Docker both answer; 503 with a sentence naming what does not, and where. */
export async function GET() {
  const readiness = await checkReadiness();
  return Response.json(readiness, { status: readiness.ok ? 200 : 503 });
}
