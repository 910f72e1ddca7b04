import { listAllTokens } from "@berth/core";
import { TokenForm } from "@/components/token-form";
import { TokenTable } from "@/components/token-table";
import { orNotFound, pageContext } from "@/lib/page-context";

export const dynamic = "force-dynamic";

export default async function PlatformTokensPage() {
  const ctx = await pageContext();
  const tokens = await orNotFound(listAllTokens(ctx));
  return (
    <>
      <h1>API tokens</h1>
      <p className="muted">
        Platform tokens act for every tenant; a tenant's tokens are made on the tenant's page. Every token acts with at
        most what its creator may do now. All of them are listed here, to review and revoke.
      </p>
      <TokenForm path="/tokens" roles={["operator", "admin"]} />
      <TokenTable tokens={tokens} withTenant />
    </>
  );
}
