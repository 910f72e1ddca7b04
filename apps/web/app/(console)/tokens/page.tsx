import { listTokens } from "@berth/core";
import { TokenForm } from "@/components/token-form";
import { TokenTable } from "@/components/token-table";
import { orNotFound, pageContext } from "@/lib/page-context";

export const dynamic = "force-dynamic";

export default async function PlatformTokensPage() {
  const ctx = await pageContext();
  const tokens = await orNotFound(listTokens(ctx, null));
  return (
    <>
      <h1>Platform API tokens</h1>
      <p className="muted">Tokens that act for every tenant. A tenant's own tokens are on the tenant's page.</p>
      <TokenForm path="/tokens" roles={["operator", "admin"]} />
      <TokenTable tokens={tokens} />
    </>
  );
}
