import "server-only";
import { randomUUID } from "node:crypto";
import { AppError, auditDeniedRequest, type Context, resolveApiToken, resolveSession, toAppError } from "@berth/core";
import type { NextRequest } from "next/server";
import { checkReadiness } from "./readiness";
import { server } from "./server";
import { SESSION_COOKIE } from "./session";

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
  /** HTTP status of a successful answer; 200 by default. */
  status?: number;
}

/**
 * The one wrapper every /api/v1 route goes through: request id, principal (session cookie), the cross-site check for
 * cookie-authenticated unsafe methods, the JSON body, and the one error map: `{"error": {code, message, fields}}`.
 */
export function apiRoute<P = Record<string, never>>(handler: Handler<P>, options: Options = {}) {
  return async (request: NextRequest, route: { params: Promise<P> }) => {
    const requestId = request.headers.get("x-request-id") ?? randomUUID();
    const { db, docker, config, auth, log } = server();
    const started = performance.now();
    const done = (response: Response) => {
      const ms = Math.round(performance.now() - started);
      log.info({ requestId, method: request.method, path: request.nextUrl.pathname, status: response.status, ms });
      response.headers.set("x-request-id", requestId);
      return response;
    };
    let ctx: Context | undefined;
    try {
      const { principal, sessionToken } = await authenticate(request);
      if (!principal && !options.public) throw new AppError("unauthenticated", "Sign in first.");
      ctx = {
        db,
        docker,
        dockerHost: config.DOCKER_HOST,
        principal: principal ?? { kind: "anonymous" },
        request: { ip: clientAddress(request), userAgent: request.headers.get("user-agent") ?? undefined, requestId },
        auth,
      };
      if (sessionToken && UNSAFE.has(request.method)) checkOrigin(request, config.BERTH_PUBLIC_URL);
      const body = await readBody(request);
      const result = await handler({ ctx, body, params: await route.params, request, sessionToken });
      return done(
        result instanceof Response ? result : Response.json(result ?? null, { status: options.status ?? 200 }),
      );
    } catch (error) {
      const known = toAppError(error) ?? (await unavailable());
      if (!known) log.error({ err: error, requestId, path: request.nextUrl.pathname }, "request failed");
      if (ctx && known && (known.status === 403 || known.extra.denied)) {
        await auditDeniedRequest(ctx, known, { method: request.method, path: request.nextUrl.pathname }).catch(
          (auditError) => log.error({ err: auditError, requestId }, "could not audit a denied request"),
        );
      }
      const answer = known ?? new AppError("unavailable", "Something went wrong; the error is logged.");
      const status = known ? answer.status : 500;
      const errorBody = { code: known ? answer.code : "internal", message: answer.message, fields: answer.fields };
      const response = Response.json({ error: errorBody }, { status });
      if (known?.extra.retryAfterSeconds) response.headers.set("retry-after", String(known.extra.retryAfterSeconds));
      return done(response);
    }
  };
}

/**
 * The principal of an `Authorization: Bearer` API token, else of the session cookie. A token that does not work is
 * refused outright rather than falling back to the cookie.
 */
async function authenticate(request: NextRequest) {
  const { db, auth } = server();
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const [scheme, token] = authorization.split(" ");
    const principal = scheme === "Bearer" && token ? await resolveApiToken(db, token) : null;
    if (!principal) throw new AppError("unauthenticated", "The API token is unknown, revoked or expired.");
    return { principal, sessionToken: null };
  }
  const sessionToken = request.cookies.get(SESSION_COOKIE)?.value ?? null;
  return { principal: sessionToken ? await resolveSession(db, auth, sessionToken) : null, sessionToken };
}

/**
 * The client's address: the last X-Forwarded-For hop, which the proxy in front of Berth (or Next.js itself, when
 * none) adds; earlier hops are whatever the client claimed.
 */
function clientAddress(request: NextRequest): string | undefined {
  return request.headers.get("x-forwarded-for")?.split(",").at(-1)?.trim() || undefined;
}

/** After an unexpected error: a 503 naming Postgres or Docker when one of them is what failed. */
async function unavailable(): Promise<AppError | undefined> {
  const readiness = await checkReadiness();
  if (!readiness.postgres.ok) return new AppError("unavailable", readiness.postgres.message);
  if (!readiness.docker.ok) return new AppError("unavailable", readiness.docker.message);
  return undefined;
}

/**
 * Cookie-authenticated unsafe requests must come from Berth's own pages. Browsers always send Origin on such
 * requests; a client that sends none (curl, scripts) is no cross-site vector, as no other site can make it send a
 * cookie.
 */
function checkOrigin(request: NextRequest, publicUrl: string) {
  const origin = request.headers.get("origin");
  const allowed = new Set([new URL(publicUrl).origin, request.nextUrl.origin]);
  if (request.headers.get("sec-fetch-site") === "cross-site" || (origin && !allowed.has(origin))) {
    throw new AppError("forbidden", "Cross-site request refused: send it from Berth's own pages.");
  }
}

async function readBody(request: NextRequest): Promise<unknown> {
  if (!UNSAFE.has(request.method)) return undefined;
  const text = await request.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
}
