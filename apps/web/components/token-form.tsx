import { ApiForm } from "./api-form";

/** Creates an API token with one of `roles`; the answer shows the token once. */
export function TokenForm({ path, roles }: { path: string; roles: string[] }) {
  return (
    <ApiForm
      title="New API token"
      path={path}
      submit="Create token"
      fields={[
        { name: "name", label: "Name", placeholder: "deploy script", required: true },
        { name: "role", label: "Role", type: "select", options: roles.map((r) => [r, r]) },
        { name: "expiresInDays", label: "Expires after (days, empty: never)", type: "number" },
      ]}
      reveal={{ key: "token", note: "Copy this token now: it is not shown again. Send it as Authorization: Bearer …" }}
    />
  );
}
