import "server-only";
import { resolveSession } from "@berth/core";
import type { Principal } from "@berth/policy";
import { cookies } from "next/headers";
import { cache } from "react";
import { sessionCookieName as cookieNameFor, servedOverHttps } from "./security-headers";
import { server } from "./server";

/** The one name of the session cookie, for whatever reads or sets it: `__Host-berth_session` over https. */
export const sessionCookieName = () => cookieNameFor(server().config.BERTH_PUBLIC_URL);

export function sessionCookieOptions(expires: Date) {
  const secure = servedOverHttps(server().config.BERTH_PUBLIC_URL);
  return { httpOnly: true, sameSite: "lax" as const, secure, path: "/", expires };
}

/** The principal of the browser's session cookie, or null; resolved once per page render (layout and page share it). */
export const currentPrincipal = cache(async (): Promise<Principal | null> => {
  const token = (await cookies()).get(sessionCookieName())?.value;
  const { db, auth, principals } = server();
  return token ? resolveSession(db, auth, principals, token) : null;
});
