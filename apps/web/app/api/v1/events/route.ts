import { type Context, followProject, followProjects, toAppError } from "@berth/core";
import type { ProjectRef } from "@berth/docker";
import { apiRoute, authenticate } from "@/lib/api";
import { onShutdown } from "@/lib/shutdown";

const HEARTBEAT_MS = 20_000;
/** How long EventSource waits before it reconnects: after a break, and when the process shuts down. */
const RETRY_MS = 2_000;
/** How often an open stream checks that its listener still may listen: signed in, token valid, still a member. */
const RECHECK_MS = 15_000;
/** Refusals that end a stream; any other failure of the check (Postgres down) leaves it open until the next one. */
const ENDS_STREAM = new Set(["unauthenticated", "forbidden", "not_found"]);

/** What a stream sends: everything its listener sees, when it opens; what changed of it, after each change. */
interface View {
  full(): Promise<string>;
  changed(refs: ProjectRef[]): Promise<string | null>;
}

const message = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
const sameProject = (a: ProjectRef, b: ProjectRef) => a.tenant === b.tenant && a.project === b.project;

/** `?project=<id>`: the project's service rows, as GET /projects/{id}/services answers them. */
async function projectView(ctx: Context, projectId: string): Promise<View> {
  const project = await followProject(ctx, projectId);
  const full = async () => message("services", { services: await project.rows() });
  return { full, changed: async (refs) => (refs.some((r) => sameProject(r, project.ref)) ? full() : null) };
}

/** No project: a summary of each project the listener may see (replicas running of desired). */
async function listView(ctx: Context): Promise<View> {
  const projects = await followProjects(ctx);
  return {
    full: async () => message("projects", { full: true, projects: await projects.summaries() }),
    changed: async (refs) => {
      const changed = await projects.summaries(refs);
      return changed.length ? message("projects", { projects: changed }) : null;
    },
  };
}

// Server-sent events from the process's Swarm snapshot (no Engine API call per listener): on open, `services` (for
// ?project=<id>) or `projects` with everything the listener sees (so a reconnecting client starts afresh), then the
// same event with what changed, after each change. When the listener may no longer listen, an `end` event says why
// and the stream closes; reconnecting then answers 401 or 404. When the process shuts down, a `restart` event says
// so and the stream closes: EventSource reconnects, to the next process.
export const GET = apiRoute(async ({ ctx, request }) => {
  const projectId = request.nextUrl.searchParams.get("project");
  const viewFor = (c: Context) => (projectId === null ? listView(c) : projectView(c, projectId));
  let view = await viewFor(ctx);
  /** Asks again who is listening and what it may see; the code of the refusal that ends the stream, if any. */
  const refreshView = async (): Promise<string | null> => {
    try {
      const { principal } = await authenticate(request);
      if (!principal) return "unauthenticated";
      view = await viewFor({ ...ctx, principal });
      return null;
    } catch (error) {
      const code = toAppError(error)?.code;
      return code && ENDS_STREAM.has(code) ? code : null;
    }
  };
  const encoder = new TextEncoder();
  let stop = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const send = (text: string | null) => {
        if (open && text) controller.enqueue(encoder.encode(text));
      };
      // One message at a time, in the order of the changes; while Docker is away nothing is sent (the snapshot says
      // everything again once it is back).
      let queue = Promise.resolve();
      const enqueue = (next: () => Promise<string | null>) => {
        queue = queue.then(next).then(send, () => {});
      };
      const unsubscribe = ctx.swarm.subscribe((refs) => enqueue(() => view.changed(refs)));
      const heartbeat = setInterval(() => send(": heartbeat\n\n"), HEARTBEAT_MS);
      const recheck = setInterval(async () => {
        const refusal = await refreshView();
        if (!refusal || !open) return;
        send(message("end", { reason: refusal }));
        stop();
        controller.close();
      }, RECHECK_MS);
      // Whichever comes first ends it: the client goes away (cancel), the request is aborted, the check fails, or the
      // process shuts down.
      stop = () => {
        open = false;
        clearInterval(heartbeat);
        clearInterval(recheck);
        unsubscribe();
        stopWaitingForShutdown();
      };
      request.signal.addEventListener("abort", () => {
        if (!open) return;
        stop();
        controller.close();
      });
      send(`retry: ${RETRY_MS}\n\n`);
      enqueue(() => view.full());
      const stopWaitingForShutdown = onShutdown(() => {
        if (!open) return;
        send(`retry: ${RETRY_MS}\n${message("restart", {})}`);
        stop();
        controller.close();
      });
    },
    cancel: () => stop(),
  });
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
});
