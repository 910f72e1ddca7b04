/**
 * The headers every response carries, and the session cookie's name; both depend on whether Berth is served over
 * https (`BERTH_PUBLIC_URL`). Pure functions: proxy.ts applies them, lib/session.ts names the cookie.
 */

export const servedOverHttps = (publicUrl: string) => new URL(publicUrl).protocol === "https:";

/**
 * `__Host-berth_session` over https: the browser then accepts the cookie only with Secure, Path=/ and no Domain, so
 * no other host (a subdomain) can set or shadow it. Over http the prefix would make browsers refuse the cookie.
 */
export const sessionCookieName = (publicUrl: string) =>
  servedOverHttps(publicUrl) ? "__Host-berth_session" : "berth_session";

/**
 * Scripts run only with this request's nonce (Next.js puts it on its own scripts, which may load further chunks:
 * 'strict-dynamic'); never eval. Style attributes (React's `style={…}` in server-rendered HTML) need
 * `style-src-attr 'unsafe-inline'`; style elements and sheets still need the nonce or our origin.
 */
function contentSecurityPolicy(https: boolean, nonce: string) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** The headers of a page (and of whatever else proxy.ts answers), with this request's script nonce. */
export function securityHeaders(publicUrl: string, nonce: string) {
  return withPolicy(publicUrl, contentSecurityPolicy(servedOverHttps(publicUrl), nonce));
}

/** The headers of an API answer (JSON, event streams), which loads nothing and is framed by nothing. */
export function apiSecurityHeaders(publicUrl: string) {
  return withPolicy(publicUrl, "default-src 'none'; frame-ancestors 'none'");
}

function withPolicy(publicUrl: string, policy: string) {
  return {
    "Content-Security-Policy": policy,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    ...(servedOverHttps(publicUrl) ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
