"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { ApiError, api } from "@/lib/api-client";
import { Field } from "./field";

export function CreateTenantForm() {
  const router = useRouter();
  const create = useMutation({
    mutationFn: (body: { slug: string; name: string }) => api("/tenants", { method: "POST", body }),
    onSuccess: () => router.refresh(),
  });
  const fields = create.error instanceof ApiError ? create.error.fields : {};
  return (
    <form
      className="card"
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const data = new FormData(form);
        create.mutate(
          { slug: String(data.get("slug")), name: String(data.get("name")) },
          { onSuccess: () => form.reset() },
        );
      }}
    >
      <h2 style={{ marginTop: 0 }}>New tenant</h2>
      <div className="row">
        <Field label="Slug (used in Swarm names)" error={fields.slug}>
          <input name="slug" placeholder="acme" required />
        </Field>
        <Field label="Display name" error={fields.name}>
          <input name="name" placeholder="Acme Inc." required />
        </Field>
        <div>
          <button type="submit" disabled={create.isPending}>
            Create tenant
          </button>
        </div>
      </div>
      {create.error && !Object.keys(fields).length ? <p className="error">{create.error.message}</p> : null}
    </form>
  );
}
