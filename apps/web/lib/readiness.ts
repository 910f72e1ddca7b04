import "server-only";
import { checkDatabase } from "@berth/db";
import { pingDocker } from "@berth/docker";
import { server } from "./server";

interface Check {
  ok: boolean;
  message: string;
}

export interface Readiness {
  ok: boolean;
  postgres: Check;
  docker: Check;
}

const check = (what: string, probe: Promise<void>): Promise<Check> =>
  probe.then(
    () => ({ ok: true, message: `${what} answers.` }),
    (error: Error) => ({ ok: false, message: error.message }),
  );

/** Whether Postgres and Docker answer, each with a sentence naming the address when it does not. */
export async function checkReadiness(): Promise<Readiness> {
  const { docker, config } = server();
  const [postgres, dockerCheck] = await Promise.all([
    check("Postgres", checkDatabase(config.DATABASE_URL)),
    check("Docker", pingDocker(docker, config.DOCKER_HOST)),
  ]);
  return { ok: postgres.ok && dockerCheck.ok, postgres, docker: dockerCheck };
}

/** The same answer for whoever may not see infrastructure addresses: which component does not answer, not where. */
export function withoutAddresses({ ok, postgres, docker }: Readiness): Readiness {
  const plain = (what: string, c: Check) => ({ ok: c.ok, message: `${what} ${c.ok ? "answers" : "does not answer"}.` });
  return { ok, postgres: plain("Postgres", postgres), docker: plain("Docker", docker) };
}
