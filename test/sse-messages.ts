/** One server-sent event: its name (`message` when it gives none) and its data lines joined. */
export interface SseMessage {
  event: string;
  data: string;
}

/**
 * The events of a text/event-stream body as they arrive, for whatever reads Berth's /api/v1/events outside a browser
 * (tests, benchmarks). A message without data (a `retry:` hint, a heartbeat comment) is none.
 */
export async function* sseMessages(body: AsyncIterable<Uint8Array>): AsyncGenerator<SseMessage> {
  const decoder = new TextDecoder();
  let buffered = "";
  for await (const chunk of body) {
    buffered += decoder.decode(chunk, { stream: true });
    const messages = buffered.split("\n\n");
    buffered = messages.pop() ?? "";
    for (const message of messages) {
      const lines = message.split("\n");
      const data = lines.filter((l) => l.startsWith("data:")).map((l) => l.slice(5).replace(/^ /, ""));
      const event =
        lines
          .find((l) => l.startsWith("event:"))
          ?.slice(6)
          .trim() ?? "message";
      if (data.length) yield { event, data: data.join("\n") };
    }
  }
}
