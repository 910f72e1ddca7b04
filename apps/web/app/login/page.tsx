"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Field } from "@/components/field";
import { ApiError, api } from "@/lib/api-client";

export default function LoginPage() {
  const router = useRouter();
  const signIn = useMutation({
    mutationFn: (body: { email: string; password: string }) => api("/auth/login", { method: "POST", body }),
    onSuccess: () => router.replace("/projects"),
  });
  const fields = signIn.error instanceof ApiError ? signIn.error.fields : {};
  return (
    <main className="login card">
      <h1>Sign in to Berth</h1>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          signIn.mutate({ email: String(form.get("email")), password: String(form.get("password")) });
        }}
      >
        <Field label="Email" error={fields.email}>
          <input name="email" type="email" autoComplete="username" required />
        </Field>
        <Field label="Password" error={fields.password}>
          <input name="password" type="password" autoComplete="current-password" required />
        </Field>
        {signIn.error && !Object.keys(fields).length ? <p className="error">{signIn.error.message}</p> : null}
        <p>
          <button type="submit" disabled={signIn.isPending}>
            Sign in
          </button>
        </p>
      </form>
    </main>
  );
}
