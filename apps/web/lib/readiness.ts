import "server-only";
import { checkLdap } from "@berth/core";
import { checkDatabase } from "@berth/db";
import { pingDocker } from "@berth/docker";
import { server } from "./server";

interface Check {
  ok: boolean;
  message: string;
}

/**
 * Each client the web holds, with a sentence. `ok` needs Postgres, Docker and (once Swarm's state was asked for)
 * Docker's event stream; LDAP, when configured, is reported but does not count: local accounts still sign in without
 * it.
 */
export interface Readiness {
  ok: boolean;
  postgres: Check;
  docker: Check;
  events: Check;
  ldap?: Check;
}

const check = (what: string, probe: Promise<void>): Promise<Check> =>
  probe.then(
    () => ({ ok: true, message: `${what} answers.` }),
    (error: Error) => ({ ok: false, message: error.message }),
  );

function eventStreamCheck(): Check {
  const state = server().swarm.streamState();
  if (!state) return { ok: true, message: "Docker's event stream is opened when Swarm's state is first asked for." };
  if (state.connected) return { ok: true, message: "Docker's event stream is followed." };
  const since = state.since.toISOString();
  return { ok: false, message: `Docker's event stream is lost since ${since} (${state.error}); reconnecting.` };
}

/** `ask`, asked again only once its last answer is `ms` old, however often it is wanted (every open page polls). */
function askedAtMostEvery<A extends unknown[], T>(ms: number, ask: (...args: A) => Promise<T>) {
  let last: { at: number; result: Promise<T> } | undefined;
  return (...args: A): Promise<T> => {
    if (!last || Date.now() - last.at > ms) last = { at: Date.now(), result: ask(...args) };
    return last.result;
  };
}

/** The directory is asked at most every 10 s. */
const ldapCheck = askedAtMostEvery(10_000, (settings: NonNullable<ReturnType<typeof server>["auth"]["ldap"]>) =>
  check("LDAP", checkLdap(settings)),
);

/**
 * Whether each client answers, with a sentence naming the address when it does not. Asked at most once a second:
 * N open pages cost Postgres and Docker what one does.
 */
export const checkReadiness = askedAtMostEvery(1000, askEachClient);

async function askEachClient(): Promise<Readiness> {
  const { docker, config, auth } = server();
  const [postgres, dockerCheck, ldap] = await Promise.all([
    check("Postgres", checkDatabase(config.DATABASE_URL)),
    check("Docker", pingDocker(docker, config.DOCKER_HOST)),
    auth.ldap ? ldapCheck(auth.ldap) : undefined,
  ]);
  const events = eventStreamCheck();
  return {
    ok: postgres.ok && dockerCheck.ok && events.ok,
    postgres,
    docker: dockerCheck,
    events,
    ...(ldap && { ldap }),
  };
}

/** The same answer for whoever may not see infrastructure addresses: which client does not answer, not where. */
export function withoutAddresses(readiness: Readiness): Readiness {
  const plain = (what: string, c: Check) => ({ ok: c.ok, message: `${what} ${c.ok ? "answers" : "does not answer"}.` });
  const { ok, postgres, docker, events, ldap } = readiness;
  return {
    ok,
    postgres: plain("Postgres", postgres),
    docker: plain("Docker", docker),
    events: plain("Docker's event stream", events),
    ...(ldap && { ldap: plain("LDAP", ldap) }),
  };
}
