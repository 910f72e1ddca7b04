import type { listAllTokens } from "@berth/core";
import { shownTime } from "@/lib/time";
import { ActionButton } from "./action-button";

type Token = Awaited<ReturnType<typeof listAllTokens>>[number];

/**
 * API tokens with their state (a token whose creator lost its rights is inactive, saying why); the tokens themselves
 * are never shown again. `withTenant` adds a column naming each token's tenant, for a list of every token.
 */
export function TokenTable({ tokens, withTenant = false }: { tokens: Token[]; withTenant?: boolean }) {
  return (
    <table>
      <thead>
        <tr>
          <th>Name</th>
          <th>Token</th>
          {withTenant ? <th>Tenant</th> : null}
          <th>Role</th>
          <th>Created by</th>
          <th>Expires</th>
          <th>Last used</th>
          <th>State</th>
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
            {withTenant ? <td>{t.tenant?.slug ?? <span className="muted">platform</span>}</td> : null}
            <td>{t.role}</td>
            <td>{t.createdBy}</td>
            <td>{shownTime(t.expiresAt)}</td>
            <td>{shownTime(t.lastUsedAt)}</td>
            <td>
              <TokenState token={t} />
            </td>
            <td>
              {t.revokedAt ? null : (
                <ActionButton path={`/tokens/${t.id}`} label="Revoke" confirm={`Revoke the token ${t.name}?`} />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TokenState({ token }: { token: Token }) {
  if (token.revokedAt) return <span className="pill">revoked {shownTime(token.revokedAt)}</span>;
  if (!token.inactiveReason) return <span className="pill running">active</span>;
  return (
    <>
      <span className="pill failed">inactive</span> <span className="muted">{token.inactiveReason}</span>
    </>
  );
}
