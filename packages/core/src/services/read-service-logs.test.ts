import { createDocker, type LogLine } from "@berth/docker";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closedPort } from "../../../../test/web-server";
import type { Context } from "../context";
import { toAppError } from "../errors";
import { createProject } from "../projects/create-project";
import { deleteProject } from "../projects/delete-project";
import { reconcileProject } from "../reconcile/reconcile-project";
import { createTenant } from "../tenants/create-tenant";
import { adminContext, asMember, uniqueSlug } from "../test-context";
import { readServiceLogs } from "./read-service-logs";

// Reading a service's log through Berth: who may (viewers too, in their tenant only), which query it takes, and what
// it answers before the service runs and while Docker is away. The decoding itself: packages/docker's tests.
let ctx: Context;
let own: string;
let other: string;
let talking: string;
let projectIds: string[];
const signal = () => new AbortController().signal;

async function read(c: Context, id: string, query: Record<string, unknown> = {}): Promise<LogLine[]> {
  const lines: LogLine[] = [];
  for await (const batch of await readServiceLogs(c, id, query, signal())) lines.push(...batch);
  return lines;
}

beforeAll(async () => {
  ctx = await adminContext();
  const tenant = uniqueSlug("logs");
  own = (await createTenant(ctx, { slug: tenant, name: "Logs" })).id;
  other = (await createTenant(ctx, { slug: uniqueSlug("logs-other"), name: "Other" })).id;
  const script = "echo hello out; echo hello err >&2; exec sleep 100000";
  const running = await createProject(ctx, {
    tenant,
    name: "talk",
    services: [{ name: "web", image: "berth-test/busybox:1", command: ["sh", "-c", script], replicas: 1 }],
  });
  const waiting = await createProject(ctx, {
    tenant,
    name: "later",
    services: [{ name: "web", image: "berth-test/busybox:1", replicas: 0 }],
  });
  projectIds = [running.id, waiting.id];
  talking = running.services[0]?.id ?? "";
  await reconcileProject(ctx, running.id);
  await vi.waitFor(async () => expect(await read(ctx, talking)).toHaveLength(2), { timeout: 30_000, interval: 500 });
});
afterAll(async () => {
  for (const id of projectIds) {
    await deleteProject(ctx, id);
    await reconcileProject(ctx, id);
  }
  await ctx.db.$disconnect();
});

describe("readServiceLogs", () => {
  it("answers the lines of a service's tasks to a viewer of its tenant", async () => {
    const lines = await read(asMember(ctx, own, "viewer"), talking, { timestamps: "true" });
    expect(
      lines.map(({ stream, text }) => ({ stream, text })).sort((a, b) => a.stream.localeCompare(b.stream)),
    ).toEqual([
      { stream: "stderr", text: "hello err" },
      { stream: "stdout", text: "hello out" },
    ]);
    expect(lines.every((l) => typeof l.time === "string")).toBe(true);
    expect(await read(ctx, talking, { stdout: "false" })).toEqual([
      { stream: "stderr", time: null, text: "hello err" },
    ]);
  });

  it("answers another tenant's owner and a non-id 404, naming the hidden service for the audit log", async () => {
    await expect(read(asMember(ctx, other, "owner"), talking)).rejects.toMatchObject({
      code: "not_found",
      message: "Service was not found.",
      extra: { denied: { targetType: "service", targetId: talking, tenantId: own } },
    });
    await expect(read(ctx, "../etc")).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses a query it cannot read with a 422 naming the parameter", async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ follow: "yes" }, "follow", "Give follow as true or false."],
      [{ tail: "0" }, "tail", "Give tail as a whole number of lines, from 1 to 10000."],
      [{ tail: "10001" }, "tail", "Give tail as a whole number of lines, from 1 to 10000."],
      [{ tail: "all" }, "tail", "Give tail as a whole number of lines, from 1 to 10000."],
      [{ tail: "2.5" }, "tail", "Give tail as a whole number of lines, from 1 to 10000."],
      [{ since: "yesterday" }, "since", "Give since as a time like 2026-11-27T09:00:00Z."],
      [{ stdout: "false", stderr: "false" }, "stdout", "Ask for stdout, stderr or both."],
    ];
    for (const [query, field, message] of cases) {
      const error = await read(ctx, talking, query).catch((e: unknown) => e);
      expect(toAppError(error), JSON.stringify(query)).toMatchObject({ code: "invalid", fields: { [field]: message } });
    }
  });

  it("answers 409 for a service Berth has not created in Swarm yet", async () => {
    const waiting = await ctx.db.service.findFirstOrThrow({ where: { projectId: projectIds[1] } });
    await expect(read(ctx, waiting.id)).rejects.toMatchObject({
      code: "conflict",
      message: "This service does not run in Swarm yet; its logs are here once Berth created it.",
    });
  });

  it("answers 503 while Docker cannot be reached", async () => {
    const away = { ...ctx, docker: createDocker(`tcp://127.0.0.1:${await closedPort()}`) };
    const error = await read(away, talking).catch((e: unknown) => e);
    expect(toAppError(error)?.code).toBe("unavailable");
  });
});
