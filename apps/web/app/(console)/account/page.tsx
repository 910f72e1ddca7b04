import { ApiForm } from "@/components/api-form";
import { pageContext } from "@/lib/page-context";

export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const { principal } = await pageContext();
  return (
    <>
      <h1>Account</h1>
      <p className="muted">Signed in as {principal.kind === "user" ? principal.email : "—"}.</p>
      <ApiForm
        title="Change password"
        path="/me/password"
        submit="Change password"
        fields={[
          { name: "currentPassword", label: "Current password", type: "password", required: true },
          { name: "newPassword", label: "New password (12 characters or more)", type: "password", required: true },
        ]}
        reveal={{ note: "Your password is changed; your other sessions have ended." }}
      />
    </>
  );
}
