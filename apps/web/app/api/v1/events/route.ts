import { swarmEventFilter, toAppError } from "@berth/core";
import { apiRoute, authenticate } from "@/lib/api";
import { onShutdown } from "@/lib/shutdown";
import { onSwarmSignal } from "@/lib/swarm-events";

const HEARTBEAT_MS = 20_000;
/** How long EventSource waits before it reconnects: after a break, and when the process shuts down. */
const RETRY_MS = 2_000;
/** How often an open stream checks that its listener still may listen: signed in, token valid, still a member. */
const RECHECK_MS = 15_000;
/** Refusals that end a stream; any other failure of the check (Postgres down) leaves it open until the next one. */
const ENDS_STREAM = new Set(["unauthenticated", "forbidden", "not_found"]);

// Server-sent events: a `data:` line for each change the principal may see (?project=<id> for one project), and
// `resync` when the stream to Docker was lost and found again: then list again. When the listener may no longer
// listen, an `end` event says why and the stream closes; reconnecting then answers 401 or 404. When the process shuts
// down, a `restart` event says so and the stream closes: EventSource reconnects, to the next process.
export const GET = apiRoute(async ({ ctx, request }) => {
  const project = request.nextUrl.searchParams.get("project");
  let accepts = await swarmEventFilter(ctx, project);
  /** Asks again who is listening and what it may hear; the code of the refusal that ends the stream, if any. */
  const refreshFilter = async (): Promise<string | null> => {
    try {
      const { principal } = await authenticate(request);
      if (!principal) return "unauthenticated";
      accepts = await swarmEventFilter({ ...ctx, principal }, project);
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
      const send = (text: string) => open && controller.enqueue(encoder.encode(text));
      const unsubscribe = onSwarmSignal((signal) => {
        if (accepts(signal)) send(`data: ${JSON.stringify(signal)}\n\n`);
      });
      const heartbeat = setInterval(() => send(": heartbeat\n\n"), HEARTBEAT_MS);
      const recheck = setInterval(async () => {
        const refusal = await refreshFilter();
        if (!refusal || !open) return;
        send(`event: end\ndata: ${JSON.stringify({ reason: refusal })}\n\n`);
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
      const stopWaitingForShutdown = onShutdown(() => {
        if (!open) return;
        send(`retry: ${RETRY_MS}\nevent: restart\ndata: {}\n\n`);
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
