import type { listTokens } from "@berth/core";
import { shownTime } from "@/lib/time";
import { ActionButton } from "./action-button";

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
            <td>{shownTime(t.expiresAt)}</td>
            <td>{shownTime(t.lastUsedAt)}</td>
            <td>
              {t.revokedAt ? (
                <span className="pill">revoked {shownTime(t.revokedAt)}</span>
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
