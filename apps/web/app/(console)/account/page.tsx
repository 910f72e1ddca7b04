import { ChangePasswordForm } from "@/components/change-password-form";
import { pageContext } from "@/lib/page-context";

export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const { principal } = await pageContext();
  return (
    <>
      <h1>Account</h1>
      <p className="muted">Signed in as {principal.kind === "user" ? principal.email : "—"}.</p>
      <ChangePasswordForm />
    </>
  );
}
