"use client";
import { useEffect, useRef } from "react";

/**
 * Follows /api/v1/events`query` and calls `onData` with each `event` it sends: everything the page shows when the
 * stream opens (and again after a break, as whatever happened meanwhile was missed), then what changed.
 */
export function useLiveEvent<T>(query: string, event: string, onData: (data: T) => void) {
  const latest = useRef(onData);
  latest.current = onData;
  useEffect(() => {
    const source = new EventSource(`/api/v1/events${query}`);
    source.addEventListener(event, (message) => latest.current(JSON.parse(message.data) as T));
    // The listener may no longer listen (signed out, left the tenant): reconnecting would only be refused.
    source.addEventListener("end", () => source.close());
    return () => source.close();
  }, [query, event]);
}
