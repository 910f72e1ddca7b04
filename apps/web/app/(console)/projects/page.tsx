import { listProjects, listTenants } from "@berth/core";
import { can } from "@berth/policy";
import Link from "next/link";
import { pageContext } from "@/lib/page-context";

export const dynamic = "force-dynamic";

export default async function ProjectsPage() {
  const ctx = await pageContext();
  const [projects, tenants] = await Promise.all([listProjects(ctx), listTenants(ctx)]);
  const mayCreate = tenants.some((t) => can(ctx.principal, "project.create", { tenantId: t.id }));
  return (
    <>
      <div className="row" style={{ alignItems: "center" }}>
        <h1>Projects</h1>
        <div style={{ textAlign: "right" }}>
          {mayCreate ? (
            <Link href="/projects/new">
              <button type="button">New project</button>
            </Link>
          ) : (
            <button type="button" disabled title="Your role does not allow you to create projects.">
              New project
            </button>
          )}
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
