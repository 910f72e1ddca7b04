import "server-only";
import { createDocker, type EventStreamState, type SwarmSignal, watchSwarmEvents } from "@berth/docker";
import { server } from "./server";

type Listener = (signal: SwarmSignal) => void;

const globalForHub = globalThis as unknown as {
  berthSwarmEvents?: { listeners: Set<Listener>; stop?: AbortController; state?: EventStreamState };
};
globalForHub.berthSwarmEvents ??= { listeners: new Set() };
const hub = globalForHub.berthSwarmEvents;

/**
 * Listens to the Swarm's changes. The process follows one Docker /events stream while anyone listens, whatever the
 * number of listeners, and stops following it when the last one leaves. Returns the function that stops listening.
 */
export function onSwarmSignal(listener: Listener): () => void {
  hub.listeners.add(listener);
  if (!hub.stop) {
    const stop = new AbortController();
    hub.stop = stop;
    const docker = createDocker(server().config.DOCKER_HOST, { streaming: true });
    void watchSwarmEvents(
      docker,
      (signal) => {
        for (const each of hub.listeners) each(signal);
      },
      stop.signal,
      noteStreamState,
    );
  }
  return () => {
    hub.listeners.delete(listener);
    if (hub.listeners.size === 0) {
      hub.stop?.abort();
      hub.stop = undefined;
      hub.state = undefined;
    }
  };
}

/** Each change of the stream's state goes to the log once: lost (and why), then back. */
function noteStreamState(state: EventStreamState) {
  const { log } = server();
  if (!state.connected && hub.state?.connected !== false) {
    log.warn({ err: state.error }, "the Docker event stream was lost; reconnecting");
  }
  if (state.connected && hub.state?.connected === false) log.info("the Docker event stream is back");
  hub.state = state;
}

/** The stream to Docker's events, for /readyz: null while nobody listens (no stream is held). */
export const swarmEventStreamState = (): EventStreamState | null => (hub.stop ? (hub.state ?? null) : null);
