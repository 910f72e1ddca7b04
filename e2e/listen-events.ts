import type { APIRequestContext } from "@playwright/test";
import { expect } from "@playwright/test";
import { sseMessages } from "../test/sse-messages";
import { BASE_URL } from "./global-setup";

/** A project's live summary, as the projects list's stream sends it. */
export type Summary = {
  tenant: string;
  project: string;
  services: number;
  running: number;
  desired: number;
  health: string;
};
/** A service row, as a project's stream sends it. */
export type Row = { name: string; created: boolean; desiredReplicas: number; runningReplicas: number };
/** One message of the stream: its event name as `kind`, with its data. */
export type Signal = { kind: string; reason?: string; full?: boolean; projects?: Summary[]; services?: Row[] };

/**
 * Listens to /api/v1/events as the context's session until `until` holds for a message, `end` settles, `ms` pass or
 * the server ends the stream (its `end` event is the message `{kind: "end", reason}`).
 */
export async function listen(
  context: APIRequestContext,
  query: string,
  until: (s: Signal) => boolean,
  ms: number,
  end?: Promise<unknown>,
) {
  const { cookies } = await context.storageState();
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), ms);
  void end?.finally(() => setTimeout(() => stop.abort(), 1000));
  const signals: Signal[] = [];
  const response = await fetch(`${BASE_URL}/api/v1/events${query}`, { headers: { cookie }, signal: stop.signal });
  expect(response.headers.get("content-type")).toBe("text/event-stream");
  try {
    for await (const { event, data } of sseMessages(response.body as ReadableStream<Uint8Array>)) {
      const signal = { ...(JSON.parse(data) as Signal), kind: event };
      signals.push(signal);
      if (until(signal)) return signals;
    }
  } catch (error) {
    if (!stop.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    stop.abort();
  }
  return signals;
}
