import { swarmEventFilter } from "@berth/core";
import { apiRoute } from "@/lib/api";
import { onSwarmSignal } from "@/lib/swarm-events";

const HEARTBEAT_MS = 20_000;

// Server-sent events: a `data:` line for each change the principal may see (?project=<id> for one project), and
// `resync` when the stream to Docker was lost and found again: then list again.
export const GET = apiRoute(async ({ ctx, request }) => {
  const accepts = await swarmEventFilter(ctx, request.nextUrl.searchParams.get("project"));
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
      // Whichever comes first ends it: the client goes away (cancel) or the request is aborted.
      stop = () => {
        open = false;
        clearInterval(heartbeat);
        unsubscribe();
      };
      request.signal.addEventListener("abort", () => {
        if (!open) return;
        stop();
        controller.close();
      });
      send("retry: 2000\n\n");
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
