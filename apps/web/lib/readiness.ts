import "server-only";
import { pingDocker } from "@berth/docker";
import { server } from "./server";

export interface Readiness {
  ok: boolean;
  postgres: { ok: boolean; message: string };
  docker: { ok: boolean; message: string };
}

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timed out")), ms))]);

/** Whether Postgres and Docker answer, each with a sentence naming the address when it does not. */
export async function checkReadiness(): Promise<Readiness> {
  const { db, docker, config } = server();
  const dbHost = new URL(config.DATABASE_URL).host || new URL(config.DATABASE_URL).searchParams.get("host");
  const [postgres, dockerResult] = await Promise.all([
    withTimeout(db.$queryRaw`SELECT 1`, 3000).then(
      () => ({ ok: true, message: "Postgres answers." }),
      (e: Error) => ({ ok: false, message: `Postgres is unreachable at ${dbHost}: ${e.message.split("\n")[0]}` }),
    ),
    withTimeout(pingDocker(docker, config.DOCKER_HOST), 3000).then(
      () => ({ ok: true, message: "Docker answers." }),
      (e: Error) => ({
        ok: false,
        message: e.message.startsWith("Docker")
          ? e.message
          : `Docker is unreachable at ${config.DOCKER_HOST}: ${e.message}`,
      }),
    ),
  ]);
  return { ok: postgres.ok && dockerResult.ok, postgres, docker: dockerResult };
}
