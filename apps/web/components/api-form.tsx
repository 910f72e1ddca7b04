"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { ApiError, api } from "@/lib/api-client";
import { Field } from "./field";

export interface FormField {
  name: string;
  label: string;
  type?: "text" | "email" | "password" | "number" | "select";
  /** For a select: [value, label] pairs; "" stands for null. */
  options?: [string, string][];
  placeholder?: string;
  required?: boolean;
  /** What the control shows at first. */
  value?: string;
}

/** The form's values as the API takes them: numbers as numbers, empty optional fields left out, "" choices as null. */
function bodyOf(fields: FormField[], data: FormData) {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const value = String(data.get(field.name) ?? "");
    if (field.type === "select") body[field.name] = value === "" ? null : value;
    else if (value === "" && !field.required) continue;
    else body[field.name] = field.type === "number" ? Number(value) : value;
  }
  return body;
}

/**
 * A form that sends its fields to an /api/v1 path, shows the server's message under each field it refuses, and
 * refreshes the page when done.
 */
export function ApiForm(props: {
  title: string;
  path: string;
  /** POST by default. */
  method?: "POST" | "PATCH";
  fields: FormField[];
  submit: string;
  /** Said once the API accepted the form; with `key`, followed by that field of the answer. */
  reveal?: { key?: string; note: string };
}) {
  const router = useRouter();
  const send = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api<Record<string, unknown>>(props.path, { method: props.method ?? "POST", body }),
    onSuccess: () => router.refresh(),
  });
  const errors = send.error instanceof ApiError ? send.error.fields : {};
  return (
    <form
      className="card"
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        send.mutate(bodyOf(props.fields, new FormData(form)), { onSuccess: () => form.reset() });
      }}
    >
      <h2 style={{ marginTop: 0 }}>{props.title}</h2>
      <div className="row">
        {props.fields.map((field) => (
          <Field key={field.name} label={field.label} error={errors[field.name]}>
            {field.type === "select" ? (
              // Keyed by its value: when the page refreshes with a new one, the control shows it.
              <select key={field.value} name={field.name} defaultValue={field.value}>
                {field.options?.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                name={field.name}
                type={field.type ?? "text"}
                placeholder={field.placeholder}
                required={field.required}
                defaultValue={field.value}
              />
            )}
          </Field>
        ))}
        <div>
          <button type="submit" disabled={send.isPending}>
            {props.submit}
          </button>
        </div>
      </div>
      {send.error && !Object.keys(errors).length ? <p className="error">{send.error.message}</p> : null}
      {send.data && props.reveal ? (
        <p className="reveal">
          {props.reveal.note}
          {props.reveal.key ? <code>{String(send.data[props.reveal.key])}</code> : null}
        </p>
      ) : null}
    </form>
  );
}
