import type { DockerClient } from "./client";
import { LABEL, type ProjectRef, projectFilter } from "./labels";

export interface TaskStatus {
  id: string;
  slot: number | null;
  state: string;
  desiredState: string;
  message: string;
  error: string | null;
  node: string | null;
  /** Host ports the task publishes (host mode), by container port. */
  ports: { target: number; published: number }[];
  updatedAt: string;
}

export interface ServiceStatus {
  name: string;
  swarmId: string;
  image: string;
  desired: number;
  running: number;
  tasks: TaskStatus[];
}

/**
 * The live state of a project's services and tasks, in three Engine API calls whatever the number of services:
 * GET /services?status=true, GET /tasks and GET /nodes, each filtered once.
 */
export async function listProjectStatus(docker: DockerClient, ref: ProjectRef): Promise<ServiceStatus[]> {
  const filters = projectFilter(ref);
  const [services, tasks, nodes] = await Promise.all([
    docker.listServices({ status: true, filters }),
    docker.listTasks({ filters }),
    docker.listNodes(),
  ]);
  const hostnames = new Map(nodes.map((n) => [n.ID, n.Description?.Hostname ?? n.ID]));
  return services
    .map((s) => ({
      name: s.Spec?.Labels?.[LABEL.service] ?? s.Spec?.Name ?? s.ID,
      swarmId: s.ID,
      image: imageOf(s),
      desired: s.ServiceStatus?.DesiredTasks ?? 0,
      running: s.ServiceStatus?.RunningTasks ?? 0,
      tasks: tasks
        .filter((t) => t.ServiceID === s.ID && t.DesiredState !== "shutdown")
        .map((t) => toTaskStatus(t, hostnames))
        .sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

// biome-ignore lint/suspicious/noExplicitAny: dockerode's task type is loose
function toTaskStatus(t: any, hostnames: Map<string, string>): TaskStatus {
  return {
    id: t.ID,
    slot: t.Slot ?? null,
    state: t.Status?.State ?? "unknown",
    desiredState: t.DesiredState ?? "unknown",
    message: t.Status?.Message ?? "",
    error: t.Status?.Err ?? null,
    node: t.NodeID ? (hostnames.get(t.NodeID) ?? t.NodeID) : null,
    ports: uniquePorts(t.Status?.PortStatus?.Ports ?? []),
    updatedAt: t.UpdatedAt ?? "",
  };
}

/** The image a service runs, without the digest Swarm pins it to. */
function imageOf(service: { Spec?: { TaskTemplate?: object } }): string {
  const template = service.Spec?.TaskTemplate as { ContainerSpec?: { Image?: string } } | undefined;
  return template?.ContainerSpec?.Image?.split("@")[0] ?? "";
}

/** The engine lists a host-mode port once per address family (IPv4 and IPv6): keep each mapping once. */
function uniquePorts(ports: { TargetPort: number; PublishedPort: number }[]) {
  const seen = new Map(ports.map((p) => [`${p.TargetPort}:${p.PublishedPort}`, p]));
  return [...seen.values()].map((p) => ({ target: p.TargetPort, published: p.PublishedPort }));
}
