import type Docker from "dockerode";
import type { DockerClient } from "./client";
import { LABEL, namespaceOf, type ProjectRef, projectFilter, projectRefOf } from "./labels";
import { type EngineTask, type ServiceStatus, toServiceStatus } from "./service-status";
import { type EventStreamState, watchSwarmEvents } from "./watch-swarm-events";

export interface SnapshotTimings {
  /** A full listing this often, for what emits no event at the manager (tasks of other nodes' containers). */
  resyncMs: number;
  /**
   * After an event, the project is listed again this often for `hotMs`: Swarm marks tasks without an event. After a
   * container died, until its task is seen to change (Swarm marks it failed; up to 30 s), then `hotMs` more.
   */
  followUpMs: number;
  hotMs: number;
  /**
   * A project still converging after that (tasks pending, fewer running than desired) is listed this often, twice as
   * long after each listing that found nothing new (a task stuck pending), up to 30 s.
   */
  convergingMs: number;
}

const DEFAULT_TIMINGS: SnapshotTimings = { resyncMs: 10_000, followUpMs: 100, hotMs: 5_000, convergingMs: 2_000 };
/** More stale projects than this are listed with one full listing instead of two calls each. */
const MOST_PROJECTS_ONE_BY_ONE = 8;
const MOST_CONVERGING_MS = 30_000;
const MOST_DIED_MS = 30_000;
const MANAGED = `${LABEL.managed}=true`;
/** Tasks Swarm wants running; those it shut down (older versions, replaced failures) are history. */
const WANTED_TASKS = { "desired-state": ["running", "accepted"] };

export type SnapshotListener = (changed: ProjectRef[]) => void;
export type SwarmSnapshot = ReturnType<typeof createSwarmSnapshot>;

/**
 * One process's copy of the Berth-managed Swarm state (services with their status, wanted tasks, node names), kept
 * fresh by Docker's event stream: an event marks its project stale, one listing runs at a time, and listeners hear
 * which projects changed. Readers (every request, every open page) are answered from memory, so N viewers cost the
 * Engine API what one does. Starts on first use; `docker` answers listings, `streaming` follows /events.
 */
export function createSwarmSnapshot(
  docker: DockerClient,
  streaming: DockerClient,
  timings: Partial<SnapshotTimings> = {},
) {
  const { resyncMs, followUpMs, hotMs, convergingMs } = { ...DEFAULT_TIMINGS, ...timings };
  /**
   * Each project's services as listed (kept to recompute their status from tasks alone) and as shown, and whether
   * Swarm is still at work on one, worked out once when stored.
   */
  const byProject = new Map<
    string,
    { ref: ProjectRef; swarm: Docker.Service[]; services: ServiceStatus[]; json: string; converging: boolean }
  >();
  const hostnames = new Map<string, string>();
  /** Projects an event touched, until when they are listed every `followUpMs`. */
  const hot = new Map<string, { ref: ProjectRef; until: number; untilChange?: boolean }>();
  /** Projects to list again; `services` when their services changed too, not only their tasks. */
  const stale = new Map<string, { ref: ProjectRef; services: boolean }>();
  const listeners = new Set<SnapshotListener>();
  let everything = true;
  let failure: unknown = null;
  let streamState: EventStreamState | null = null;
  let running: Promise<void> | null = null;
  let lastConvergingPass = 0;
  let convergingEvery = convergingMs;
  let followUp: NodeJS.Timeout | undefined;
  let resync: NodeJS.Timeout | undefined;
  let stop: AbortController | undefined;
  let firstPass: Promise<void> | undefined;

  function markStale(ref: ProjectRef, services = false) {
    const key = namespaceOf(ref);
    stale.set(key, { ref, services: services || (stale.get(key)?.services ?? false) });
  }

  function start(): Promise<void> {
    if (firstPass) return firstPass;
    stop = new AbortController();
    resync = setInterval(() => {
      everything = true;
      void refresh();
    }, resyncMs);
    resync.unref();
    void watchSwarmEvents(
      streaming,
      (signal) => {
        if (signal.kind === "resync" || signal.kind === "node") everything = true;
        else {
          const ref = { tenant: signal.tenant, project: signal.project };
          markStale(ref, signal.kind === "service");
          const died = signal.kind === "container" && signal.action === "die";
          // Another event of the project does not end the watch of a container that died.
          if (died || !hot.get(namespaceOf(ref))?.untilChange) {
            hot.set(namespaceOf(ref), { ref, until: Date.now() + (died ? MOST_DIED_MS : hotMs), untilChange: died });
          }
        }
        void refresh();
      },
      stop.signal,
      (state) => {
        streamState = state;
        // Whatever happens while the stream is lost is not heard: list everything, and say why if Docker is away.
        if (!state.connected) everything = true;
        void refresh();
      },
    );
    firstPass = refresh();
    return firstPass;
  }

  /** Lists what is stale, again while more becomes stale meanwhile; one run at a time, which callers share. */
  function refresh(): Promise<void> {
    running ??= (async () => {
      try {
        while (everything || stale.size > 0) {
          const full = everything || stale.size > MOST_PROJECTS_ONE_BY_ONE;
          const projects = [...stale.values()];
          everything = false;
          stale.clear();
          try {
            if (full) await listEverything();
            else await Promise.all(projects.map(listProject));
            failure = null;
          } catch (error) {
            // Docker is away: readers hear why, and the resync timer or the stream's return tries again.
            failure = error;
            everything = true;
            break;
          }
        }
      } finally {
        running = null;
        scheduleFollowUp();
      }
    })();
    return running;
  }

  async function listEverything() {
    const filters = { label: [MANAGED] };
    const [services, tasks, nodes] = await Promise.all([
      docker.listServices({ status: true, filters }),
      docker.listTasks({ filters: { ...filters, ...WANTED_TASKS } }),
      docker.listNodes(),
    ]);
    hostnames.clear();
    for (const n of nodes) hostnames.set(n.ID, n.Description?.Hostname ?? n.ID);
    const grouped = new Map<string, { ref: ProjectRef; services: Docker.Service[] }>();
    for (const s of services) {
      const ref = projectRefOf(s.Spec?.Labels);
      if (!ref) continue;
      const group = grouped.get(namespaceOf(ref)) ?? { ref, services: [] };
      group.services.push(s);
      grouped.set(namespaceOf(ref), group);
    }
    // Back from a failure, every project counts as changed: readers were told Docker was away.
    const recovering = failure !== null;
    const changed: ProjectRef[] = [];
    for (const [key, { ref }] of byProject) if (!grouped.has(key) && store(ref, [], [])) changed.push(ref);
    for (const { ref, services: ofProject } of grouped.values()) {
      if (store(ref, ofProject, tasks) || recovering) changed.push(ref);
    }
    announce(changed);
  }

  /** One project: its tasks, and its services too when they changed (or are not known): one or two calls. */
  async function listProject({ ref, services: servicesChanged }: { ref: ProjectRef; services: boolean }) {
    const filters = projectFilter(ref);
    const known = byProject.get(namespaceOf(ref))?.swarm;
    const [services, tasks] = await Promise.all([
      servicesChanged || !known ? docker.listServices({ status: true, filters }) : known,
      docker.listTasks({ filters: { ...filters, ...WANTED_TASKS } }),
    ]);
    // A task on a node not listed yet (it just joined): the next full listing names it.
    if (tasks.some((t) => t.NodeID && !hostnames.has(t.NodeID))) everything = true;
    if (!store(ref, services, tasks)) return;
    const watched = hot.get(namespaceOf(ref));
    if (watched?.untilChange) hot.set(namespaceOf(ref), { ref, until: Date.now() + hotMs });
    announce([ref]);
  }

  /** Keeps a project's services; whether they differ from what was kept. A project without services is forgotten. */
  function store(ref: ProjectRef, swarm: Docker.Service[], tasks: EngineTask[]): boolean {
    const key = namespaceOf(ref);
    const services = toServiceStatus(swarm, tasks, hostnames);
    const json = JSON.stringify(services);
    const before = byProject.get(key)?.json ?? "[]";
    if (services.length === 0) byProject.delete(key);
    else byProject.set(key, { ref, swarm, services, json, converging: services.some(isConverging) });
    return json !== before;
  }

  function announce(changed: ProjectRef[]) {
    if (changed.length === 0) return;
    convergingEvery = convergingMs;
    for (const listener of listeners) listener(changed);
  }

  /**
   * Lists again soon what may change without an event: projects an event touched a moment ago (every `followUpMs`)
   * and projects still converging (every `convergingMs`).
   */
  function scheduleFollowUp() {
    clearTimeout(followUp);
    if (stop?.signal.aborted) return;
    const now = Date.now();
    for (const [key, { until }] of hot) if (until <= now) hot.delete(key);
    const converging = [...byProject.values()].filter((p) => p.converging).map((p) => p.ref);
    if (hot.size === 0 && converging.length === 0) return;
    const convergingDue = lastConvergingPass + convergingEvery;
    const due = hot.size > 0 ? now + followUpMs : convergingDue;
    followUp = setTimeout(
      () => {
        for (const { ref } of hot.values()) markStale(ref);
        if (Date.now() >= convergingDue) {
          lastConvergingPass = Date.now();
          convergingEvery = Math.min(convergingEvery * 2, MOST_CONVERGING_MS);
          for (const ref of converging) markStale(ref);
        }
        void refresh();
      },
      Math.max(0, due - now),
    );
    followUp.unref();
  }

  /** Throws what kept the last listing from Docker, so a reader is not shown old state as if it were current. */
  async function current() {
    await start();
    if (failure) throw failure;
  }

  return {
    /** A project's services as Swarm runs them, sorted by name; none before the reconciler created them. */
    async projectServices(ref: ProjectRef): Promise<ServiceStatus[]> {
      await current();
      return byProject.get(namespaceOf(ref))?.services ?? [];
    },
    /** Every project that has services in Swarm, with them. */
    async projects(): Promise<{ ref: ProjectRef; services: ServiceStatus[] }[]> {
      await current();
      return [...byProject.values()].map(({ ref, services }) => ({ ref, services }));
    },
    /** Hears which projects changed after each listing; returns the function that stops listening. */
    subscribe(listener: SnapshotListener): () => void {
      listeners.add(listener);
      void start();
      return () => listeners.delete(listener);
    },
    /** The stream to Docker's events, for /readyz: null before the snapshot is first used. */
    streamState: () => streamState,
    close() {
      stop?.abort();
      clearInterval(resync);
      clearTimeout(followUp);
    },
  };
}

/** Whether Swarm is still at work on a service: fewer or more tasks running than desired, or an update rolling. */
function isConverging(service: ServiceStatus): boolean {
  return service.running !== service.desired || service.tasks.some((t) => t.state !== "running");
}
