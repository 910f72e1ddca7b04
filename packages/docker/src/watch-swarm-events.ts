import type { DockerClient } from "./client";
import { LABEL, type ProjectRef, projectRefOf } from "./labels";

/**
 * What Berth's live views need to know from Docker's event stream: that something of a project changed, that a node
 * changed, or (after the stream was lost and found again) that they should list everything again.
 */
export type SwarmSignal =
  | ({ kind: "service" | "container"; action: string } & ProjectRef)
  | { kind: "node"; action: string }
  | { kind: "resync" };

/** The part of an Engine API event that matters here. */
export interface EngineEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

/**
 * The signal an event gives, or null for events of no Berth project. Containers carry the project's labels; service
 * events carry only a name, so services are known by id from `services` (Berth-managed ones, by their labels).
 */
export function swarmSignalOf(event: EngineEvent, services: ReadonlyMap<string, ProjectRef>): SwarmSignal | null {
  const action = event.Action ?? "";
  if (event.Type === "node") return { kind: "node", action };
  if (event.Type === "service") {
    const ref = services.get(event.Actor?.ID ?? "");
    return ref ? { kind: "service", action, ...ref } : null;
  }
  const ref = event.Type === "container" ? projectRefOf(event.Actor?.Attributes) : null;
  return ref ? { kind: "container", action: action.split(":")[0] ?? action, ...ref } : null;
}

/** Whether the stream to the engine is open, or since when and why not. */
export type EventStreamState = { connected: true } | { connected: false; since: Date; error: string };

/**
 * Follows the engine's /events (one stream, whatever the number of listeners) and calls `onSignal` for each change of
 * a Berth project, until `stop` aborts. When the stream breaks (the engine restarts, say) it says so to `onState`,
 * connects again after a pause that grows from 0.5 s to 10 s, with jitter (replicas do not reconnect in step), and
 * says `resync`: whatever happened meanwhile is not in the stream. `docker` must be a streaming client (no idle
 * timeout).
 */
export async function watchSwarmEvents(
  docker: DockerClient,
  onSignal: (s: SwarmSignal) => void,
  stop: AbortSignal,
  onState: (state: EventStreamState) => void = () => {},
) {
  let pause = 500;
  let lostSince: Date | null = null;
  while (!stop.aborted) {
    let error = "the engine ended the stream";
    try {
      const services = new Map<string, ProjectRef>();
      const stream = await docker.getEvents({ filters: { type: ["service", "container", "node"] } });
      const close = () => (stream as unknown as { destroy(): void }).destroy();
      stop.addEventListener("abort", close);
      try {
        for (const s of await docker.listServices({ filters: { label: [`${LABEL.managed}=true`] } })) {
          const ref = projectRefOf(s.Spec?.Labels);
          if (ref && s.ID) services.set(s.ID, ref);
        }
        onSignal({ kind: "resync" });
        onState({ connected: true });
        lostSince = null;
        pause = 500;
        await followStream(docker, stream, services, onSignal);
      } finally {
        // Also when listing the services failed after the stream opened: the socket goes with it.
        stop.removeEventListener("abort", close);
        close();
      }
    } catch (thrown) {
      // The engine is unreachable or the stream broke: connect again after the pause.
      error = (thrown as Error).message;
    }
    if (stop.aborted) return;
    lostSince ??= new Date();
    onState({ connected: false, since: lostSince, error });
    await new Promise((resolve) => setTimeout(resolve, pause * (0.5 + Math.random() / 2)));
    pause = Math.min(pause * 2, 10_000);
  }
}

async function followStream(
  docker: DockerClient,
  stream: NodeJS.ReadableStream,
  services: Map<string, ProjectRef>,
  onSignal: (s: SwarmSignal) => void,
) {
  let buffered = "";
  for await (const chunk of stream) {
    buffered += chunk.toString();
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines.filter(Boolean)) {
      const event = JSON.parse(line) as EngineEvent;
      const id = event.Actor?.ID ?? "";
      if (event.Type === "service" && event.Action === "create") {
        const ref = projectRefOf(
          (
            await docker
              .getService(id)
              .inspect()
              .catch(() => null)
          )?.Spec?.Labels,
        );
        if (ref) services.set(id, ref);
      }
      const signal = swarmSignalOf(event, services);
      if (signal) onSignal(signal);
      if (event.Type === "service" && event.Action === "remove") services.delete(id);
    }
  }
}
