import { listAudit, listTenants, toAppError } from "@berth/core";
import Link from "next/link";
import { Field } from "@/components/field";
import { orNotFound, pageContext } from "@/lib/page-context";
import { shownTime } from "@/lib/time";

export const dynamic = "force-dynamic";

const FILTERS = [
  ["actor", "Actor id"],
  ["action", "Action (or prefix: project.)"],
  ["targetType", "Target type"],
  ["targetId", "Target id"],
  ["from", "From (2026-11-27T09:00:00Z)"],
  ["to", "To"],
] as const;

type Search = Record<string, string | undefined>;
const queryOf = (search: Search, extra: Record<string, string> = {}) =>
  new URLSearchParams({ ...(Object.fromEntries(Object.entries(search).filter(([, v]) => v)) as object), ...extra });

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const ctx = await pageContext();
  const { cursor, ...filters } = await searchParams;
  const page = await orNotFound(listAudit(ctx, { ...filters, cursor })).catch((error: unknown) => {
    const known = toAppError(error);
    if (known?.code !== "invalid") throw error;
    return { entries: [], nextCursor: null, error: known };
  });
  const tenants = new Map((await listTenants(ctx)).map((t) => [t.id, t.slug]));
  const invalid = "error" in page ? page.error.fields : {};
  return (
    <>
      <h1>Audit log</h1>
      <form className="card" method="get">
        <div className="row">
          <Field label="Tenant" error={invalid?.tenantId}>
            <select name="tenantId" defaultValue={filters.tenantId ?? ""}>
              <option value="">all</option>
              {[...tenants].map(([id, slug]) => (
                <option key={id} value={id}>
                  {slug}
                </option>
              ))}
            </select>
          </Field>
          {FILTERS.map(([name, label]) => (
            <Field key={name} label={label} error={invalid?.[name]}>
              <input name={name} defaultValue={filters[name] ?? ""} />
            </Field>
          ))}
          <div>
            <button type="submit">Filter</button>
          </div>
        </div>
      </form>
      <nav className="filters">
        <a href={`/api/v1/audit?${queryOf(filters, { format: "csv" })}`}>Export CSV</a>
        <a href={`/api/v1/audit?${queryOf(filters, { format: "json" })}`}>Export JSON</a>
      </nav>
      <table className="audit">
        <thead>
          <tr>
            <th>Time</th>
            <th>Actor</th>
            <th>Tenant</th>
            <th>Action</th>
            <th>Target</th>
            <th>Change</th>
            <th>Address</th>
          </tr>
        </thead>
        <tbody>
          {page.entries.map((e) => (
            <tr key={e.id}>
              <td className="nowrap">{shownTime(e.at, true)}</td>
              <td>{e.actorEmail ?? `${e.actorType} ${e.actorId ?? ""}`}</td>
              <td>{e.tenantId ? (tenants.get(e.tenantId) ?? e.tenantId) : "—"}</td>
              <td>
                <code>{e.action}</code>
              </td>
              <td>
                {e.targetType} <code className="muted">{e.targetId}</code>
              </td>
              <td>
                <code>{e.diff ? JSON.stringify(e.diff) : ""}</code>
              </td>
              <td>{e.ip}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {page.nextCursor ? (
        <p>
          <Link href={`/audit?${queryOf(filters, { cursor: page.nextCursor })}`}>Older entries</Link>
        </p>
      ) : null}
    </>
  );
}
