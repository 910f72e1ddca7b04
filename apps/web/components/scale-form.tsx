"use client";
import { useMutation } from "@tanstack/react-query";
import { ApiError, api } from "@/lib/api-client";

/**
 * Sets how many replicas of a service Berth wants. The page's event stream then shows Swarm scaling it; the form only
 * says when the API refused, in the API's words.
 */
export function ScaleForm({ serviceId, name, replicas }: { serviceId: string; name: string; replicas: number }) {
  const scale = useMutation({
    mutationFn: (count: number) => api(`/services/${serviceId}`, { method: "PATCH", body: { replicas: count } }),
  });
  const error =
    scale.error instanceof ApiError ? (scale.error.fields.replicas ?? scale.error.message) : scale.error?.message;
  return (
    <form
      className="scale"
      onSubmit={(event) => {
        event.preventDefault();
        scale.mutate(Number(new FormData(event.currentTarget).get("replicas")));
      }}
    >
      <label>
        Replicas of {name}
        <input name="replicas" type="number" defaultValue={replicas} required />
      </label>
      <button type="submit" disabled={scale.isPending}>
        Scale
      </button>
      {error ? <span className="field-error">{error}</span> : null}
    </form>
  );
}
