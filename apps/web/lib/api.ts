import "server-only";
import { randomUUID } from "node:crypto";
import { AppError, auditDeniedRequest, type Context, resolveApiToken, resolveSession, toAppError } from "@berth/core";
import { can } from "@berth/policy";
import type { NextRequest } from "next/server";
import { clientAddress } from "./client-address";
import { peerAddress } from "./peer-address";
import { apiSecurityHeaders } from "./security-headers";
import { server } from "./server";
import { sessionCookieName } from "./session";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface ApiCall<P> {
  ctx: Context;
  /** The parsed JSON body (undefined for a request without one). */
  body: unknown;
  params: P;
  request: NextRequest;
  /** The session cookie's value, when the principal came from one. */
  sessionToken: string | null;
}

type Handler<P> = (call: ApiCall<P>) => Promise<unknown>;

interface Options {
  /** Routes that work without a principal (sign-in). */
  public?: boolean;
  /** Routes a user who must change its password may still call (the change itself, sign-out). */
  beforePasswordChange?: boolean;
  /** HTTP status of a successful answer; 200 by default. */
  status?: number;
}

/**
 * The one wrapper every /api/v1 route goes through: request id, the cross-site and content-type checks of unsafe
 * methods, the principal (API token or session cookie), the JSON body read within its size limit, and the one
 * error map: `{"error": {code, message, fields}}`.
 */
export function apiRoute<P = Record<string, never>>(handler: Handler<P>, options: Options = {}) {
  return async (request: NextRequest, route: { params: Promise<P> }) => {
    const requestId = request.headers.get("x-request-id") ?? randomUUID();
    const { db, docker, swarm, config, auth, fence, log, trustedProxies, principals } = server();
    const started = performance.now();
    const done = (response: Response) => {
      const ms = Math.round(performance.now() - started);
      log.info({ requestId, method: request.method, path: request.nextUrl.pathname, status: response.status, ms });
      response.headers.set("x-request-id", requestId);
      for (const [name, value] of Object.entries(apiSecurityHeaders(config.BERTH_PUBLIC_URL))) {
        response.headers.set(name, value);
      }
      return response;
    };
    let ctx: Context | undefined;
    try {
      if (UNSAFE.has(request.method)) {
        checkOrigin(request, config.BERTH_PUBLIC_URL);
        checkBodyHeaders(request, config.BERTH_MAX_BODY_BYTES);
      }
      const { principal, sessionToken } = await authenticate(request);
      if (!principal && !options.public) throw new AppError("unauthenticated", "Sign in first.");
      const ip = clientAddress(peerAddress(request.headers), request.headers.get("x-forwarded-for"), trustedProxies);
      ctx = {
        db,
        docker,
        swarm,
        principal: principal ?? { kind: "anonymous" },
        request: { ip, userAgent: request.headers.get("user-agent") ?? undefined, requestId },
        auth,
        fence,
      };
      if (principal?.kind === "user" && principal.passwordChangeRequired && !options.beforePasswordChange) {
        throw new AppError(
          "password_change_required",
          "Change your password first (POST /api/v1/me/password with currentPassword and newPassword).",
        );
      }
      const body = await readBody(request, config.BERTH_MAX_BODY_BYTES);
      const result = await handler({ ctx, body, params: await route.params, request, sessionToken });
      // It may have changed who someone is (signed out, revoked a token, removed a member): this process's next
      // request must not meet the old principal, notification or not.
      if (UNSAFE.has(request.method)) principals.forgetAll();
      return done(
        result instanceof Response ? result : Response.json(result ?? null, { status: options.status ?? 200 }),
      );
    } catch (error) {
      const known = toAppError(error);
      if (!known) log.error({ err: error, requestId, path: request.nextUrl.pathname }, "request failed");
      if (known?.extra.detailedMessage) log.warn({ requestId }, known.extra.detailedMessage);
      if (ctx && known && (known.code === "forbidden" || known.extra.denied)) {
        await auditDeniedRequest(ctx, known, { method: request.method, path: request.nextUrl.pathname }).catch(
          (auditError) => log.error({ err: auditError, requestId }, "could not audit a denied request"),
        );
      }
      const answer = known ?? new AppError("unavailable", "Something went wrong; the error is logged.");
      const status = known ? answer.status : 500;
      // Where Postgres or Docker was looked for is for those who may see the platform's addresses (and the log).
      const detailed = known?.extra.detailedMessage && ctx && can(ctx.principal, "platform.inspect");
      const message = detailed ? known.extra.detailedMessage : answer.message;
      const errorBody = { code: known ? answer.code : "internal", message, fields: answer.fields };
      const response = Response.json({ error: errorBody }, { status });
      if (known?.extra.retryAfterSeconds) response.headers.set("retry-after", String(known.extra.retryAfterSeconds));
      return done(response);
    }
  };
}

/**
 * The principal of an `Authorization: Bearer` API token, else of the session cookie. A token that does not work is
 * refused outright (401 saying why) rather than falling back to the cookie.
 */
export async function authenticate(request: NextRequest) {
  const { db, auth, principals } = server();
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const [scheme, token] = authorization.split(" ");
    if (scheme !== "Bearer" || !token) {
      throw new AppError("unauthenticated", "Send the API token as Authorization: Bearer berth_….");
    }
    return { principal: await resolveApiToken(db, principals, token), sessionToken: null };
  }
  const sessionToken = request.cookies.get(sessionCookieName())?.value ?? null;
  return { principal: sessionToken ? await resolveSession(db, auth, principals, sessionToken) : null, sessionToken };
}

/**
 * Unsafe requests must come from Berth's own pages, with or without a cookie (a cross-site sign-in would plant the
 * attacker's session). Browsers send Origin and Sec-Fetch-Site on such requests; a client that sends neither (curl,
 * scripts) is no cross-site vector.
 */
function checkOrigin(request: NextRequest, publicUrl: string) {
  const origin = request.headers.get("origin");
  const allowed = new Set([new URL(publicUrl).origin, request.nextUrl.origin]);
  if (request.headers.get("sec-fetch-site") === "cross-site" || (origin && !allowed.has(origin))) {
    throw new AppError("forbidden", "Cross-site request refused: send it from Berth's own pages.");
  }
}

const hasBody = (request: NextRequest) =>
  request.headers.has("transfer-encoding") || Number(request.headers.get("content-length") ?? 0) > 0;

const tooLarge = (limit: number) =>
  new AppError("payload_too_large", `The request body is larger than ${limit} bytes; send less.`);

/** Before anything else is done: a body is JSON, and not larger than the limit, as far as the headers tell. */
function checkBodyHeaders(request: NextRequest, limit: number) {
  if (!hasBody(request)) return;
  if (!/^application\/json\s*(;|$)/i.test(request.headers.get("content-type") ?? "")) {
    throw new AppError("unsupported_media_type", "Send the body as JSON, with Content-Type: application/json.");
  }
  if (Number(request.headers.get("content-length") ?? 0) > limit) throw tooLarge(limit);
}

/** The JSON body, read as it arrives and abandoned once it passes `limit` bytes: never more is held. */
async function readBody(request: NextRequest, limit: number): Promise<unknown> {
  if (!UNSAFE.has(request.method) || !request.body || !hasBody(request)) return undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(read.value);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks)));
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
}
