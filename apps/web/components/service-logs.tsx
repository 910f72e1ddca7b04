"use client";
import { useEffect, useId, useRef, useState } from "react";

interface LogLine {
  stream: "stdout" | "stderr";
  time: string | null;
  text: string;
}
type Shown = LogLine & { key: number };

/** The lines kept in the page: older ones are dropped as new ones come. */
const KEEP = 2_000;
const QUERY = "follow=true&tail=500&timestamps=true";

/** A service's log under a "Logs" disclosure, followed while it is open (the stream closes when it is closed). */
export function ServiceLogs(props: { serviceId: string; serviceName: string }) {
  const [open, setOpen] = useState(false);
  // Following again starts afresh: a new FollowedLog.
  const [attempt, setAttempt] = useState(0);
  return (
    <details onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Logs</summary>
      {open ? <FollowedLog key={attempt} {...props} onRetry={() => setAttempt((n) => n + 1)} /> : null}
    </details>
  );
}

function FollowedLog(props: { serviceId: string; serviceName: string; onRetry: () => void }) {
  const { serviceId, serviceName } = props;
  const [lines, setLines] = useState<Shown[]>([]);
  const [status, setStatus] = useState<string | null>("Connecting…");
  const [search, setSearch] = useState("");
  const searchId = useId();
  const view = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);

  useEffect(() => {
    const abort = new AbortController();
    let next = 0;
    follow(serviceId, abort.signal, (batch) => {
      setStatus(null);
      const shown = batch.map((line) => ({ ...line, key: next++ }));
      setLines((before) => [...before, ...shown].slice(-KEEP));
    })
      .then(() => setStatus("The log stream ended."))
      .catch((error: Error) => {
        if (!abort.signal.aborted) setStatus(error.message);
      });
    return () => abort.abort();
  }, [serviceId]);

  // New lines keep the view at its end, unless the reader scrolled up to read.
  useEffect(() => {
    const element = view.current;
    if (element && atBottom.current && lines.length) element.scrollTop = element.scrollHeight;
  }, [lines]);

  const needle = search.trim().toLowerCase();
  const matching = needle ? lines.filter((line) => line.text.toLowerCase().includes(needle)) : lines;
  return (
    <div>
      <div className="row" style={{ alignItems: "end" }}>
        <div>
          <label htmlFor={searchId}>Search the log</label>
          <input id={searchId} type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
        </div>
        <p className="muted" aria-live="polite" style={{ flex: "none" }}>
          {needle ? `${matching.length} of ${lines.length} lines` : `${lines.length} lines`}
          {lines.length === KEEP ? ` (the last ${KEEP})` : ""}
        </p>
      </div>
      {status ? (
        <p className="muted" role="status">
          {status}{" "}
          {status !== "Connecting…" ? (
            <button type="button" className="secondary" onClick={props.onRetry}>
              Follow again
            </button>
          ) : null}
        </p>
      ) : null}
      <div
        ref={view}
        role="log"
        aria-label={`Logs of ${serviceName}`}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the log scrolls; the keyboard must reach it to scroll it
        tabIndex={0}
        onScroll={(event) => {
          const element = event.currentTarget;
          atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 8;
        }}
        style={{
          maxHeight: 360,
          overflow: "auto",
          fontFamily: "ui-monospace, monospace",
          fontSize: 12,
          background: "var(--bg)",
          border: "1px solid var(--line)",
          borderRadius: 6,
          padding: 8,
        }}
      >
        {matching.map((line) => (
          <div key={line.key} data-stream={line.stream} style={{ whiteSpace: "pre-wrap", wordBreak: "break-all" }}>
            <span className="muted">{line.time?.slice(11, 23)} </span>
            {line.stream === "stderr" ? (
              <span style={{ color: "var(--bad)", fontWeight: 700 }}>err </span>
            ) : (
              <span className="muted">out </span>
            )}
            <span style={line.stream === "stderr" ? { color: "var(--bad)" } : undefined}>{line.text}</span>
          </div>
        ))}
      </div>
    </div>
  );
}

/** Reads the NDJSON stream of GET /services/{id}/logs, handing over the lines of each chunk as it arrives. */
async function follow(serviceId: string, signal: AbortSignal, onLines: (lines: LogLine[]) => void) {
  const response = await fetch(`/api/v1/services/${serviceId}/logs?${QUERY}`, { signal }).catch((error) => {
    if (signal.aborted) throw error;
    throw new Error("Berth did not answer; try again in a moment.");
  });
  if (!response.ok || !response.body) {
    const data = await response.json().catch(() => null);
    throw new Error(data?.error?.message ?? `The log could not be read (${response.status}).`);
  }
  // Connected: no line yet, but no longer "Connecting…".
  onLines([]);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let rest = "";
  const next = () =>
    reader.read().catch((error) => {
      if (signal.aborted) throw error;
      throw new Error("The log stream broke off; follow again to go on.");
    });
  for (let read = await next(); !read.done; read = await next()) {
    const parts = (rest + read.value).split("\n");
    rest = parts.pop() ?? "";
    if (parts.length) onLines(parts.map((part) => JSON.parse(part) as LogLine));
  }
}
