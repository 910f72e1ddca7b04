import type Docker from "dockerode";
import { LABEL } from "./labels";

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

/** What Berth reads of an Engine API task (dockerode leaves tasks untyped). */
export interface EngineTask {
  ID: string;
  ServiceID?: string;
  Slot?: number;
  NodeID?: string;
  DesiredState?: string;
  UpdatedAt?: string;
  Status?: {
    State?: string;
    Message?: string;
    Err?: string;
    PortStatus?: { Ports?: { TargetPort: number; PublishedPort: number }[] };
  };
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
 * Swarm's services with their wanted tasks, as Berth shows them: by Berth's service name, with replicas desired (from
 * `GET /services?status=true`) and running (its wanted tasks in state running: the tasks alone tell it), and node
 * names for node ids.
 */
export function toServiceStatus(
  services: Docker.Service[],
  tasks: EngineTask[],
  hostnames: ReadonlyMap<string, string>,
): ServiceStatus[] {
  return services
    .map((s) => {
      const ofService = tasks
        .filter((t) => t.ServiceID === s.ID)
        .map((t) => toTaskStatus(t, hostnames))
        .sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0));
      return {
        name: s.Spec?.Labels?.[LABEL.service] ?? s.Spec?.Name ?? s.ID,
        swarmId: s.ID,
        image: imageOf(s),
        desired: s.ServiceStatus?.DesiredTasks ?? 0,
        running: ofService.filter((t) => t.state === "running").length,
        tasks: ofService,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function toTaskStatus(t: EngineTask, hostnames: ReadonlyMap<string, string>): TaskStatus {
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
