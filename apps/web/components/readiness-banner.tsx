"use client";
import { useQuery } from "@tanstack/react-query";

interface Readiness {
  ok: boolean;
  postgres: { ok: boolean; message: string };
  docker: { ok: boolean; message: string };
  events: { ok: boolean; message: string };
}

/** A banner naming Postgres, Docker or its event stream while one does not answer; /readyz adds the address for admins. */
export function ReadinessBanner() {
  const { data } = useQuery({
    queryKey: ["readyz"],
    queryFn: async (): Promise<Readiness> => (await fetch("/readyz")).json(),
    refetchInterval: 3000,
  });
  if (!data || data.ok) return null;
  return (
    <div className="banner" role="alert" data-testid="readiness-banner">
      {[data.postgres, data.docker, ...(data.docker.ok ? [data.events] : [])]
        .filter((c) => !c.ok)
        .map((c) => c.message)
        .join(" ")}{" "}
      Changes are kept and applied when it is back.
    </div>
  );
}
