import { randomBytes } from "node:crypto";
import { loadConfig } from "@berth/config";
import { type NextRequest, NextResponse } from "next/server";
import { securityHeaders } from "@/lib/security-headers";

const { BERTH_PUBLIC_URL } = loadConfig(process.env, ["BERTH_PUBLIC_URL"]);

/**
 * Puts the security headers on every response but the API's (pages, /healthz, /readyz, static files) with a fresh
 * script nonce. Next.js reads the nonce from the request's Content-Security-Policy while rendering and sets it on its
 * scripts, which is why every page is rendered per request (the root layout awaits `connection()`).
 */
export function proxy(request: NextRequest) {
  const headers = securityHeaders(BERTH_PUBLIC_URL, randomBytes(16).toString("base64"));
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

// The API sets its own headers (lib/api.ts): a proxy in front of it would make Next.js buffer every request body.
export const config = { matcher: ["/((?!api/).*)"] };
