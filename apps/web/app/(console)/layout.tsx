import { listTenants } from "@berth/core";
import { can, tenantsWhere } from "@berth/policy";
import Link from "next/link";
import type { ReactNode } from "react";
import { ChangePasswordForm } from "@/components/change-password-form";
import { ReadinessBanner } from "@/components/readiness-banner";
import { SignOutButton } from "@/components/sign-out-button";
import { pageContext } from "@/lib/page-context";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const ctx = await pageContext();
  const { principal } = ctx;
  if (principal.kind === "user" && principal.passwordChangeRequired) return <PasswordChangeFirst />;
  const auditTenants = tenantsWhere(principal, "audit.read");
  // Platform staff see the list of tenants; a customer sees just its own tenant(s), by name.
  const staff = tenantsWhere(principal, "tenant.read") === "all";
  const ownTenants = staff ? [] : await listTenants(ctx);
  return (
    <>
      <header className="top">
        <Link href="/projects" className="brand">
          Berth
        </Link>
        <Link href="/projects">Projects</Link>
        {staff ? <Link href="/tenants">Tenants</Link> : null}
        {ownTenants.map((t) => (
          <Link key={t.id} href={`/tenants/${t.id}`}>
            {t.name}
          </Link>
        ))}
        {can(principal, "user.manage") ? <Link href="/users">Users</Link> : null}
        {can(principal, "token.manage_all") ? <Link href="/tokens">API tokens</Link> : null}
        {auditTenants === "all" || auditTenants.length > 0 ? <Link href="/audit">Audit</Link> : null}
        <span className="spacer" />
        <Link href="/account">{principal.kind === "user" ? principal.email : "Account"}</Link>
        <SignOutButton />
      </header>
      <ReadinessBanner />
      <main>{children}</main>
    </>
  );
}

/** Until a user replaces the password someone else chose for it, that is all it can do. */
function PasswordChangeFirst() {
  return (
    <>
      <header className="top">
        <span className="brand">Berth</span>
        <span className="spacer" />
        <SignOutButton />
      </header>
      <main>
        <h1>Choose your own password</h1>
        <p className="muted">
          You signed in with a one-time password. Replace it with one only you know; then Berth opens for you.
        </p>
        <ChangePasswordForm />
      </main>
    </>
  );
}
