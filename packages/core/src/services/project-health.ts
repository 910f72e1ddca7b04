import type { ServiceStatus } from "@berth/docker";

/**
 * A project's health at a glance, from what Swarm runs: `healthy` when every service runs the replicas it wants,
 * `degraded` when one runs fewer and a task says why it cannot start (no node meets a constraint, the image is
 * missing, a port is taken), `converging` while Swarm is still at work without complaint.
 */
export type ProjectHealth = "healthy" | "converging" | "degraded";

export function projectHealth(services: ServiceStatus[]): ProjectHealth {
  const short = services.filter((s) => s.running < s.desired);
  if (short.length === 0) return "healthy";
  return short.some((s) => s.tasks.some((t) => t.error)) ? "degraded" : "converging";
}
