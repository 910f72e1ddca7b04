"use client";
import { useEffect, useRef } from "react";

/**
 * Calls `onChange` when /api/v1/events says something the page shows changed (at most every 300 ms), and when the
 * stream comes back after a break, as whatever happened meanwhile was missed.
 */
export function useSwarmEvents(query: string, onChange: () => void) {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    const source = new EventSource(`/api/v1/events${query}`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const changed = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        latest.current();
      }, 300);
    };
    source.onmessage = changed;
    source.onopen = changed;
    // The listener may no longer listen (signed out, left the tenant): reconnecting would only be refused.
    source.addEventListener("end", () => source.close());
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [query]);
}
