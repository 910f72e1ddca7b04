import { listProjects } from "@berth/core";
import Link from "next/link";
import { pageContext } from "@/lib/page-context";

export const dynamic = "force-dynamic";

export default async function ProjectsPage() {
  const projects = await listProjects(await pageContext());
  return (
    <>
      <div className="row" style={{ alignItems: "center" }}>
        <h1>Projects</h1>
        <div style={{ textAlign: "right" }}>
          <Link href="/projects/new">
            <button type="button">New project</button>
          </Link>
        </div>
      </div>
      {projects.length === 0 ? (
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
            {projects.map((p) => (
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
