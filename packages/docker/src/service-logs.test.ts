import { randomBytes } from "node:crypto";
import http from "node:http";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { projectFilter } from "./labels";
import type { LogLine } from "./log-decoder";
import { removeLabelled } from "./reconcile-project";
import { serviceLogs } from "./service-logs";
import { buildNetworkSpec, buildServiceSpec } from "./specs";

// A real Swarm service printing known lines to stdout and stderr (a second apart, for `since` and `tail`), then, once
// the test creates /tmp/go in its container, one more. A client of its own: its requests time out after 1 s of
// silence, and its agent keeps no idle connection, so that the connections it holds are those still in use.
const agent = new http.Agent({ keepAlive: false });
// docker-modem takes an agent; dockerode's types do not say so.
const docker = new Docker({
  socketPath: new URL(inject("dockerHost")).pathname,
  timeout: 1_000,
  agent,
} as Docker.DockerOptions);
const ref = { tenant: `logs-${randomBytes(3).toString("hex")}`, project: "p", instance: inject("berthInstance") };
const service = { ...ref, name: "talk" };
const SCRIPT = [
  "echo out 1; echo err 1 >&2; echo out 2",
  "sleep 1; echo err 2 >&2; echo 'out 3 é'",
  "while [ ! -e /tmp/go ]; do sleep 0.2; done; echo later",
  "exec sleep 100000",
].join("; ");
const options = { follow: false, tail: 500, timestamps: true, stdout: true, stderr: true };
let swarmId: string;

/** Every line of a log read to its end. */
async function read(overrides: Partial<typeof options> & { since?: Date } = {}): Promise<LogLine[]> {
  const batches = await serviceLogs(docker, service, { ...options, ...overrides }, new AbortController().signal);
  const lines: LogLine[] = [];
  for await (const batch of batches ?? []) lines.push(...batch);
  return lines;
}
const texts = (lines: LogLine[], stream: "stdout" | "stderr") =>
  lines.filter((l) => l.stream === stream).map((l) => l.text);
/** Connections of the client not destroyed yet (the agent forgets a destroyed one only when it has closed). */
const openConnections = () =>
  Object.values(agent.sockets)
    .flat()
    .filter((socket) => !socket?.destroyed).length;

beforeAll(async () => {
  await docker.createNetwork(buildNetworkSpec(ref));
  const spec = buildServiceSpec({
    ...service,
    image: "berth-test/busybox:1",
    command: ["sh", "-c", SCRIPT],
    replicas: 1,
    ports: [],
  });
  swarmId = (await docker.createService(spec)).id;
  await vi.waitFor(async () => expect(texts(await read(), "stdout")).toContain("out 3 é"), {
    timeout: 30_000,
    interval: 500,
  });
});
afterAll(() => removeLabelled(docker, projectFilter(ref)));

describe("serviceLogs", () => {
  it("decodes each stream's lines in order, with Docker's timestamps", async () => {
    const lines = await read();
    expect(texts(lines, "stdout")).toEqual(["out 1", "out 2", "out 3 é"]);
    expect(texts(lines, "stderr")).toEqual(["err 1", "err 2"]);
    for (const line of lines) expect(line.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/);
    expect((await read({ timestamps: false })).map((l) => l.time)).toEqual(lines.map(() => null));
  });

  it("gives one stream alone", async () => {
    expect(await read({ stdout: false })).toEqual([
      expect.objectContaining({ stream: "stderr", text: "err 1" }),
      expect.objectContaining({ stream: "stderr", text: "err 2" }),
    ]);
  });

  it("starts with the last lines for tail, and from a time for since", async () => {
    const tail = await read({ tail: 2 });
    expect(tail.map((l) => l.text).sort()).toEqual(["err 2", "out 3 é"]);
    const errTwo = (await read()).find((l) => l.text === "err 2");
    const since = await read({ since: new Date(errTwo?.time ?? "") });
    expect(since.map((l) => l.text).sort()).toEqual(["err 2", "out 3 é"]);
  });

  it("follows: a line printed later arrives, after a silence longer than the client's request timeout", async () => {
    const stop = new AbortController();
    const batches = await serviceLogs(docker, service, { ...options, follow: true }, stop.signal);
    const seen: string[] = [];
    let goCreated = false;
    for await (const batch of batches ?? []) {
      seen.push(...batch.map((l) => l.text));
      if (seen.includes("later")) break;
      if (seen.includes("out 3 é") && !goCreated) {
        goCreated = true;
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        await touchGo();
      }
    }
    expect(seen.slice(-1)).toEqual(["later"]);
    expect(openConnections()).toBe(0);
  });

  it("closes the stream to Docker when the signal aborts", async () => {
    const stop = new AbortController();
    const batches = await serviceLogs(docker, service, { ...options, follow: true }, stop.signal);
    expect((await batches?.next())?.done).toBe(false);
    expect(openConnections()).toBe(1);
    const pending = batches?.next();
    stop.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    expect(openConnections()).toBe(0);
  });

  it("is null for a service Swarm does not run", async () => {
    expect(await serviceLogs(docker, { ...service, name: "absent" }, options, new AbortController().signal)).toBeNull();
  });
});

/** Creates /tmp/go in the service's container: its script then prints "later". */
async function touchGo() {
  const [container] = await docker.listContainers({
    filters: { label: [`com.docker.swarm.service.id=${swarmId}`] },
  });
  const exec = await docker.getContainer(container?.Id ?? "").exec({ Cmd: ["touch", "/tmp/go"] });
  const output = await exec.start({});
  await new Promise((resolve) => output.on("end", resolve).resume());
}
