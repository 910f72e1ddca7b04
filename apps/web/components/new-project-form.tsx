"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiError, api } from "@/lib/api-client";
import { Field } from "./field";

interface ServiceDraft {
  name: string;
  image: string;
  command: string;
  replicas: string;
  target: string;
  published: string;
}

const emptyService: ServiceDraft = { name: "", image: "", command: "", replicas: "1", target: "", published: "" };

/** The API body for the drafts: one command argument per line; a port is published on the host port given. */
function toBody(tenant: string, name: string, services: ServiceDraft[]) {
  return {
    tenant,
    name,
    services: services.map((s) => ({
      name: s.name,
      image: s.image,
      command: s.command.split("\n").filter((line) => line.trim() !== ""),
      replicas: Number(s.replicas),
      ports: s.target ? [{ target: Number(s.target), ...(s.published ? { published: Number(s.published) } : {}) }] : [],
    })),
  };
}

export function NewProjectForm({
  tenants,
  publishedPorts,
}: {
  tenants: { slug: string; name: string }[];
  /** The host ports tenants may publish, e.g. "30000-32767". */
  publishedPorts: string;
}) {
  const router = useRouter();
  const [services, setServices] = useState<ServiceDraft[]>([{ ...emptyService }]);
  const create = useMutation({
    mutationFn: (body: ReturnType<typeof toBody>) => api<{ id: string }>("/projects", { method: "POST", body }),
    onSuccess: (project) => router.push(`/projects/${project.id}`),
  });
  const fields = create.error instanceof ApiError ? create.error.fields : {};
  const update = (index: number, patch: Partial<ServiceDraft>) =>
    setServices((all) => all.map((s, i) => (i === index ? { ...s, ...patch } : s)));

  if (tenants.length === 0) return <p className="card">There is no tenant you may create projects in.</p>;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        create.mutate(toBody(String(data.get("tenant")), String(data.get("name")), services));
      }}
    >
      <div className="card row">
        <Field label="Tenant" error={fields.tenant}>
          <select name="tenant">
            {tenants.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name} ({t.slug})
              </option>
            ))}
          </select>
        </Field>
        <Field label="Project name" error={fields.name}>
          <input name="name" placeholder="shop" required />
        </Field>
      </div>
      {services.map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: drafts have no identity but their position
        <fieldset key={i} className="card" aria-label={`Service ${i + 1}`}>
          <div className="row">
            <Field label="Service name" error={fields[`services.${i}.name`]}>
              <input value={s.name} onChange={(e) => update(i, { name: e.target.value })} placeholder="web" />
            </Field>
            <Field label="Image" error={fields[`services.${i}.image`]}>
              <input value={s.image} onChange={(e) => update(i, { image: e.target.value })} placeholder="nginx:1.27" />
            </Field>
            <Field label="Replicas" error={fields[`services.${i}.replicas`]}>
              <input
                type="number"
                min={0}
                value={s.replicas}
                onChange={(e) => update(i, { replicas: e.target.value })}
              />
            </Field>
          </div>
          <div className="row">
            <Field
              label="Container port"
              error={fields[`services.${i}.ports.0.target`] ?? fields[`services.${i}.ports`]}
            >
              <input type="number" value={s.target} onChange={(e) => update(i, { target: e.target.value })} />
            </Field>
            <Field label={`Host port (${publishedPorts})`} error={fields[`services.${i}.ports.0.published`]}>
              <input
                type="number"
                value={s.published}
                required={s.target !== ""}
                onChange={(e) => update(i, { published: e.target.value })}
              />
            </Field>
          </div>
          <Field
            label="Command (one argument per line; empty: the image's own)"
            error={fields[`services.${i}.command`]}
          >
            <textarea rows={3} value={s.command} onChange={(e) => update(i, { command: e.target.value })} />
          </Field>
          {services.length > 1 ? (
            <p>
              <button
                type="button"
                className="danger"
                onClick={() => setServices((all) => all.filter((_, j) => j !== i))}
              >
                Remove service
              </button>
            </p>
          ) : null}
        </fieldset>
      ))}
      {fields.services ? <p className="error">{fields.services}</p> : null}
      {create.error ? <p className="error">{create.error.message}</p> : null}
      <div className="row">
        <div>
          <button
            type="button"
            className="secondary"
            onClick={() => setServices((all) => [...all, { ...emptyService }])}
          >
            Add service
          </button>{" "}
          <button type="submit" disabled={create.isPending}>
            Create project
          </button>
        </div>
      </div>
    </form>
  );
}
