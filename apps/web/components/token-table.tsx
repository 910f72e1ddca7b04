import type { listTokens } from "@berth/core";
import { ActionButton } from "./action-button";

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") : "—");

/** API tokens with their state; the tokens themselves are never shown again. */
export function TokenTable({ tokens }: { tokens: Awaited<ReturnType<typeof listTokens>> }) {
  return (
    <table>
      <thead>
        <tr>
          <th>Name</th>
          <th>Token</th>
          <th>Role</th>
          <th>Created by</th>
          <th>Expires</th>
          <th>Last used</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {tokens.map((t) => (
          <tr key={t.id}>
            <td>{t.name}</td>
            <td>
              <code>{t.prefix}…</code>
            </td>
            <td>{t.role}</td>
            <td>{t.createdBy}</td>
            <td>{day(t.expiresAt)}</td>
            <td>{day(t.lastUsedAt)}</td>
            <td>
              {t.revokedAt ? (
                <span className="pill">revoked {day(t.revokedAt)}</span>
              ) : (
                <ActionButton path={`/tokens/${t.id}`} label="Revoke" confirm={`Revoke the token ${t.name}?`} />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
