import { randomInt } from "node:crypto";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { holdLeaderChannel } from "./leader-channel";

// Real Postgres: one leader at a time, and a connection terminated by the server (57P01, as when Postgres restarts)
// is made again instead of crashing the process.
const lock = randomInt(1, 2 ** 31);
const channel = `berth_test_${lock}`;

async function asOwner<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject("ownerDatabaseUrl") });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

function holder() {
  const stop = new AbortController();
  const heard: string[] = [];
  const changes: boolean[] = [];
  let errors = 0;
  const running = holdLeaderChannel({
    databaseUrl: inject("databaseUrl"),
    lock,
    channel,
    signal: stop.signal,
    onNotification: (payload) => heard.push(payload),
    onLeadership: (leader, error) => {
      changes.push(leader);
      if (error) errors++;
    },
  });
  return { stop: () => stop.abort(), running, heard, changes, errors: () => errors };
}

const until = async (what: () => boolean) => {
  for (let i = 0; i < 200 && !what(); i++) await new Promise((r) => setTimeout(r, 100));
  expect(what()).toBe(true);
};

describe("holdLeaderChannel", () => {
  it("lets one holder lead, survives the server ending its connection, and hands over when stopped", async () => {
    const first = holder();
    await until(() => first.changes.at(-1) === true);
    const second = holder();
    await asOwner((c) => c.query("SELECT pg_notify($1, 'one')", [channel]));
    await until(() => first.heard.includes("one"));
    expect(second.changes).toEqual([]);

    // The server ends the leader's connection, as a restart does ("terminating connection due to administrator
    // command"); leadership is lost with it and taken again, by one of the two.
    await asOwner((c) =>
      c.query("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = $1", [lock]),
    );
    await until(() => first.errors() === 1);
    const leaders = () => [first, second].filter((h) => h.changes.at(-1) === true);
    await until(() => leaders().length === 1);
    await asOwner((c) => c.query("SELECT pg_notify($1, 'two')", [channel]));
    await until(() => (leaders()[0]?.heard ?? []).includes("two"));

    const leader = leaders()[0];
    const other = leader === first ? second : first;
    leader?.stop();
    await leader?.running;
    await until(() => other.changes.at(-1) === true);
    other.stop();
    await other.running;
  });
});
