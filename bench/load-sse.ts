/**
 * The event-stream half of `npm run bench:load`: many clients on one project's stream while one of its services is
 * scaled through Berth, each change timed from Docker's own event to each client's receipt.
 */
import { createDocker } from "@berth/docker";
import type { startDockerRelay } from "../test/docker-relay";
import { sseMessages } from "../test/sse-messages";

interface Options {
  base: string;
  cookie: string;
  projectId: string;
  /** Berth's id of the service to scale, and its name in Swarm. */
  serviceId: string;
  swarmService: string;
  dockerHost: string;
  relay: Awaited<ReturnType<typeof startDockerRelay>>;
  clients: number;
  scales: number;
}

interface Row {
  id: string;
  desiredReplicas: number;
  tasks: unknown[];
}

/** A change has reached a client when its row shows the new replicas, desired and as tasks Swarm has made. */
const shows = (row: Row | undefined, replicas: number) =>
  row?.desiredReplicas === replicas && row.tasks.length === replicas;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Reads a `services` event stream, calling `onRows` with each snapshot's rows as they arrive. */
async function readStream(response: Response, onRows: (rows: Row[]) => void) {
  for await (const { event, data } of sseMessages(response.body as ReadableStream<Uint8Array>)) {
    if (event === "services") onRows((JSON.parse(data) as { services: Row[] }).services);
  }
}

/** The times (ms) at which Docker reports an update of the service, as its events stream says. */
async function followUpdates(dockerHost: string, service: string, signal: AbortSignal) {
  const times: number[] = [];
  const stream = (await createDocker(dockerHost, { streaming: true }).getEvents({
    filters: { type: ["service"], event: ["update"], service: [service] },
  })) as NodeJS.ReadableStream & { destroy: () => void };
  signal.addEventListener("abort", () => stream.destroy());
  let buffer = "";
  stream.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines.filter(Boolean))
      times.push(Number((JSON.parse(line) as { timeNano: number }).timeNano) / 1e6);
  });
  stream.on("error", () => {});
  return times;
}

export async function watchScaling(o: Options) {
  const stop = new AbortController();
  const updates = await followUpdates(o.dockerHost, o.swarmService, stop.signal);
  const opened = new Set<number>();
  /** Per change: the time each client saw it. */
  let seen = new Map<number, number>();
  let replicas = 1;
  const readers = Array.from({ length: o.clients }, async (_, client) => {
    const response = await fetch(`${o.base}/api/v1/events?project=${o.projectId}`, {
      headers: { cookie: o.cookie },
      signal: stop.signal,
    });
    await readStream(response, (rows) => {
      opened.add(client);
      if (
        !seen.has(client) &&
        shows(
          rows.find((r) => r.id === o.serviceId),
          replicas,
        )
      )
        seen.set(client, Date.now());
    }).catch(() => {});
  });
  for (let i = 0; i < 60 && opened.size < o.clients; i++) await sleep(500);

  const since = Date.now();
  const delays: number[] = [];
  const problems: string[] = [];
  let everyClient = 0;
  for (let change = 0; change < o.scales; change++) {
    replicas = replicas === 1 ? 2 : 1;
    seen = new Map();
    const sent = Date.now();
    const response = await fetch(`${o.base}/api/v1/services/${o.serviceId}`, {
      method: "PATCH",
      headers: { cookie: o.cookie, "content-type": "application/json" },
      body: JSON.stringify({ replicas }),
    });
    if (response.status !== 200) problems.push(`PATCH ${response.status}: ${(await response.text()).slice(0, 100)}`);
    for (let i = 0; i < 150 && seen.size < o.clients; i++) await sleep(100);
    if (seen.size === o.clients) everyClient++;
    const dockerEvent = updates.find((t) => t >= sent - 5);
    if (dockerEvent === undefined) problems.push(`change ${change + 1}: no Docker update event`);
    else delays.push(...[...seen.values()].map((t) => t - dockerEvent));
    // The next change waits until this one has settled in the stream, as a person would look before scaling again.
    await sleep(500);
  }
  const calls = o.relay.calls(since);
  stop.abort();
  await Promise.allSettled(readers);
  delays.sort((a, b) => a - b);
  const at = (p: number) => Math.round(delays[Math.ceil(delays.length * p) - 1] ?? NaN);
  const byPath = new Map<string, number>();
  for (const c of calls) byPath.set(`${c.method} ${c.path}`, (byPath.get(`${c.method} ${c.path}`) ?? 0) + 1);
  return {
    "clients with the opening snapshot": `${opened.size}/${o.clients}`,
    "changes every client got": `${everyClient}/${o.scales}`,
    "deliveries (client × change)": `${delays.length}/${o.clients * o.scales}`,
    "Docker event → client p50 ms": at(0.5),
    "Docker event → client p95 ms": at(0.95),
    "Docker event → client max ms": at(1),
    "web Engine API calls during the changes": calls.length,
    "… by request": [...byPath].map(([k, v]) => `${k}×${v}`).join(", "),
    problems: problems.join("; ") || "none",
  };
}
