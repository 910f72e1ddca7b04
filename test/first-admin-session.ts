import { execFileSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
export const FIRST_ADMIN = { email: "admin@berth.local", password: "a password only I know" };

/**
 * Bootstraps the database of `env` (DATABASE_URL with `ownerUrl`) as the worker does, signs the first admin in on the
 * web at `baseUrl` with the printed one-time password and replaces it with FIRST_ADMIN.password: the session's cookie.
 */
export async function firstAdminSession(baseUrl: string, env: Record<string, string>, ownerUrl: string) {
  const printed = execFileSync("node", ["apps/worker/dist/bootstrap.js"], {
    cwd: ROOT,
    env: { ...process.env, ...env, DATABASE_OWNER_URL: ownerUrl },
    encoding: "utf8",
  });
  const oneTimePassword = /One-time password:\s+(\S+)/.exec(printed)?.[1] ?? "";
  const post = (pathname: string, body: unknown, cookie = "") =>
    fetch(`${baseUrl}${pathname}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify(body),
    });
  const login = await post("/api/v1/auth/login", { email: FIRST_ADMIN.email, password: oneTimePassword });
  const cookieOf = (response: Response) => (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const changed = await post(
    "/api/v1/me/password",
    { currentPassword: oneTimePassword, newPassword: FIRST_ADMIN.password },
    cookieOf(login),
  );
  if (changed.status !== 200) throw new Error(`the first admin's password change answered ${changed.status}`);
  return cookieOf(changed);
}
