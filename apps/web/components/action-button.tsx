"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { api } from "@/lib/api-client";

/**
 * A button that sends DELETE to an /api/v1 path after the person confirms, then refreshes the page, or goes on to
 * `then` when what it showed is gone.
 */
export function ActionButton(props: { path: string; label: string; confirm: string; then?: string }) {
  const { path, label, confirm, then } = props;
  const router = useRouter();
  const act = useMutation({
    mutationFn: () => api(path, { method: "DELETE" }),
    onSuccess: () => (then ? router.push(then) : router.refresh()),
  });
  return (
    <>
      <button
        type="button"
        className="danger"
        disabled={act.isPending}
        onClick={() => {
          if (window.confirm(confirm)) act.mutate();
        }}
      >
        {label}
      </button>
      {act.error ? <span className="error"> {act.error.message}</span> : null}
    </>
  );
}
