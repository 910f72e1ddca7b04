import "server-only";
import { resolveSession } from "@berth/core";
import type { Principal } from "@berth/policy";
import { cookies } from "next/headers";
import { server } from "./server";

export const SESSION_COOKIE = "berth_session";

export function sessionCookieOptions(expires: Date) {
  const secure = new URL(server().config.BERTH_PUBLIC_URL).protocol === "https:";
  return { httpOnly: true, sameSite: "lax" as const, secure, path: "/", expires };
}

/** The principal of the browser's session cookie, or null. */
export async function currentPrincipal(): Promise<Principal | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return token ? resolveSession(server().db, server().auth, token) : null;
}
