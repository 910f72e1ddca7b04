import Link from "next/link";
import type { ReactNode } from "react";
import { ReadinessBanner } from "@/components/readiness-banner";
import { SignOutButton } from "@/components/sign-out-button";
import { pageContext } from "@/lib/page-context";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const { principal } = await pageContext();
  return (
    <>
      <header className="top">
        <Link href="/projects" className="brand">
          Berth
        </Link>
        <Link href="/projects">Projects</Link>
        <Link href="/tenants">Tenants</Link>
        <span className="spacer" />
        <span>{principal.kind === "user" ? principal.email : null}</span>
        <SignOutButton />
      </header>
      <ReadinessBanner />
      <main>{children}</main>
    </>
  );
}
