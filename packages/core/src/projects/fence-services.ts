import { countEligibleNodes } from "@berth/docker";
import type { Context, Tx } from "../context";
import { AppError, invalidFields } from "../errors";
import { mayPublish, publishedPortsText } from "./fence-settings";

interface ServiceShape {
  replicas: number;
  ports: { published: number }[];
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Refuses (422, naming each field) a host port outside the fence's range, and a service that publishes a host port
 * with more replicas than there are nodes its tasks may run on: in host mode each node holds the port once, so the
 * surplus would wait forever. Asks Docker only when a service publishes a port with more than one replica.
 */
export async function checkServicesFitFence(
  ctx: Pick<Context, "docker" | "fence">,
  services: ServiceShape[],
  fieldOf = (i: number, field: string) => `services.${i}.${field}`,
) {
  const fields: Record<string, string> = {};
  for (const [i, s] of services.entries()) {
    for (const [j, p] of s.ports.entries()) {
      if (!mayPublish(ctx.fence, p.published)) {
        fields[fieldOf(i, `ports.${j}.published`)] = `Use a host port from ${publishedPortsText(ctx.fence)}.`;
      }
    }
  }
  if (services.some((s) => s.ports.length && s.replicas > 1) && !Object.keys(fields).length) {
    const nodes = await countEligibleNodes(ctx.docker, ctx.fence.placement);
    services.forEach((s, i) => {
      const [port] = s.ports;
      if (port && s.replicas > nodes) {
        fields[fieldOf(i, "replicas")] =
          `Port ${port.published} is published on each node in host mode: at most ` +
          `${plural(nodes, "replica fits", "replicas fit")} (${plural(nodes, "node", "nodes")} can run this tenant's tasks).`;
      }
    });
  }
  if (Object.keys(fields).length) throw invalidFields(fields);
}

/**
 * Reserves the project's host ports in the same transaction as the project: a port another project holds (of any
 * tenant, which is not named) answers 409. Concurrent claims wait for each other in Postgres; one wins.
 */
export async function reservePorts(tx: Tx, project: { id: string; tenantId: string }, services: ServiceShape[]) {
  const claims = services.flatMap((s, i) =>
    s.ports.map((p, j) => ({ port: p.published, field: `services.${i}.ports.${j}.published` })),
  );
  if (!claims.length) return;
  const reserved = await tx.portReservation.createManyAndReturn({
    data: claims.map(({ port }) => ({ port, projectId: project.id, tenantId: project.tenantId })),
    skipDuplicates: true,
    select: { port: true },
  });
  const got = new Set(reserved.map((r) => r.port));
  const taken = claims.filter((c) => !got.has(c.port));
  const [first] = taken;
  if (!first) return;
  const message = (port: number) => `Port ${port} is taken; choose another.`;
  throw new AppError("conflict", message(first.port), Object.fromEntries(taken.map((c) => [c.field, message(c.port)])));
}
