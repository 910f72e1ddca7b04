"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { api } from "@/lib/api-client";
import { useSwarmEvents } from "./use-swarm-events";

interface Project {
  id: string;
  name: string;
  state: string;
  tenant: { name: string };
  _count: { services: number };
}

/**
 * The projects the principal may see: first as the server rendered them, then listed again whenever Docker's events
 * say something changed, and whenever the event stream comes back after a break (web restarted), as a project created
 * meanwhile would be missed. A list that fails keeps what it showed (a page refresh would fail onto the browser's own
 * error page instead).
 */
export function ProjectList({ initialProjects }: { initialProjects: Project[] }) {
  const queryClient = useQueryClient();
  const queryKey = ["projects"];
  const projects = useQuery({ queryKey, queryFn: () => api<Project[]>("/projects"), initialData: initialProjects });
  useSwarmEvents("", () => queryClient.invalidateQueries({ queryKey }));
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
              <th>State</th>
            </tr>
          </thead>
          <tbody>
            {projects.data.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link href={`/projects/${p.id}`}>{p.name}</Link>
                </td>
                <td>{p.tenant.name}</td>
                <td>{p._count.services}</td>
                <td>
                  <span className="pill">{p.state}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
