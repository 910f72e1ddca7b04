import { ApiForm } from "./api-form";

/** The signed-in user's password change; the other sessions end, this browser's goes on. */
export function ChangePasswordForm() {
  return (
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
  );
}
