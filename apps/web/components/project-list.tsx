"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { api } from "@/lib/api-client";
import { useLiveEvent } from "./use-live-event";

interface Project {
  id: string;
  slug: string;
  name: string;
  state: string;
  tenant: { slug: string; name: string };
  _count: { services: number };
}
interface Summary {
  tenant: string;
  project: string;
  services: number;
  running: number;
  desired: number;
  health: "healthy" | "converging" | "degraded";
}

const keyOf = (tenant: string, project: string) => `${tenant}/${project}`;

/**
 * The projects the principal may see, with their health and replicas running live: the list as the server rendered
 * it, the health as the event stream sends it. The list is asked for again when the stream (re)opens, as a project
 * created meanwhile would be missed, and when the stream speaks of a project it does not hold or of one whose
 * services are gone (deleted). A list that fails keeps what it showed.
 */
export function ProjectList({ initialProjects }: { initialProjects: Project[] }) {
  const queryClient = useQueryClient();
  const queryKey = ["projects"];
  const projects = useQuery({ queryKey, queryFn: () => api<Project[]>("/projects"), initialData: initialProjects });
  const [live, setLive] = useState(new Map<string, Summary>());
  useLiveEvent<{ full?: boolean; projects: Summary[] }>("", "projects", (data) => {
    const known = new Set(projects.data.map((p) => keyOf(p.tenant.slug, p.slug)));
    setLive((before) => {
      const next = new Map(data.full ? [] : before);
      for (const s of data.projects) next.set(keyOf(s.tenant, s.project), s);
      return next;
    });
    const listAgain = data.full || data.projects.some((s) => !known.has(keyOf(s.tenant, s.project)) || !s.services);
    if (listAgain) void queryClient.invalidateQueries({ queryKey });
  });
  return (
    <>
      {projects.error ? <p className="error">{projects.error.message}</p> : null}
      {projects.data.length === 0 ? (
        <p className="card muted">No projects yet. Create a tenant, then a project for it.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Project</th>
              <th>Tenant</th>
              <th>Services</th>
              <th>Health</th>
              <th>State</th>
            </tr>
          </thead>
          <tbody>
            {projects.data.map((p) => {
              const summary = live.get(keyOf(p.tenant.slug, p.slug));
              return (
                <tr key={p.id}>
                  <td>
                    <Link href={`/projects/${p.id}`}>{p.name}</Link>
                  </td>
                  <td>{p.tenant.name}</td>
                  <td>{p._count.services}</td>
                  <td data-testid="running">
                    {summary ? (
                      <>
                        <span className={`pill ${summary.health}`}>{summary.health}</span>{" "}
                        <span className="muted">
                          {summary.running}/{summary.desired}
                        </span>
                      </>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>
                    <span className="pill">{p.state}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
