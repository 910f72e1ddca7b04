import { readServiceLogs } from "@berth/core";
import { apiRoute } from "@/lib/api";
import { onShutdown } from "@/lib/shutdown";

// A service's log as NDJSON, a line each: {"stream":"stdout"|"stderr","time":…|null,"text":…}, sent as Docker sends
// them. It ends when Docker ends it (at once without ?follow=true), when the client goes away, or when the process
// shuts down; each closes the stream to Docker.
export const GET = apiRoute<{ id: string }>(async ({ ctx, params, request }) => {
  const docker = new AbortController();
  const lines = await readServiceLogs(ctx, params.id, Object.fromEntries(request.nextUrl.searchParams), docker.signal);
  const stop = () => docker.abort();
  request.signal.addEventListener("abort", stop);
  const stopWaitingForShutdown = onShutdown(stop);
  const release = () => {
    request.signal.removeEventListener("abort", stop);
    stopWaitingForShutdown();
  };
  const encoder = new TextEncoder();
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await lines.next();
        if (!next.done) return controller.enqueue(encoder.encode(next.value.map(ndjson).join("")));
        if (!cancelled) controller.close();
      } catch (error) {
        // Stopped on purpose (the client went away, the process shuts down): the answer ends as any other. Docker
        // breaking off: the answer is cut short, so the client knows it is not the whole log.
        if (!docker.signal.aborted) controller.error(error);
        else if (!cancelled) controller.close();
      }
      release();
    },
    cancel() {
      cancelled = true;
      stop();
      release();
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
});

const ndjson = (line: unknown) => `${JSON.stringify(line)}\n`;
