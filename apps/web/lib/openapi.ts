import {
  addMemberInput,
  auditHeadInput,
  auditQueryInput,
  changePasswordInput,
  createPlatformTokenInput,
  createProjectInput,
  createTenantInput,
  createTenantTokenInput,
  createUserInput,
  scaleServiceInput,
  serviceLogsQuery,
  signInInput,
  updateUserInput,
} from "@berth/core";
import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject } from "zod-openapi";

// The HTTP API's description, built from the same zod schemas the use-cases validate with. test/openapi.test.ts
// fails when a route under app/api/v1 is missing here, or an operation here has no route.

const errorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ example: "invalid" }),
      message: z.string().meta({ description: "a sentence a person can act on" }),
      fields: z.record(z.string(), z.string()).optional().meta({ description: "what is wrong with each field" }),
    }),
  })
  .meta({ id: "Error" });

const id = z.uuid();
const byId = { path: z.object({ id }) };
const json = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });

type Operation = { summary: string; body?: z.ZodType; params?: ZodOpenApiOperationObject["requestParams"] };

const OPERATIONS: Record<string, Operation> = {
  "POST /auth/login": { summary: "Sign in: sets the session cookie", body: signInInput },
  "POST /auth/logout": { summary: "Sign out: ends the session on the server" },
  "GET /me": { summary: "The principal of this request" },
  "POST /me/password": { summary: "Change your password; ends your other sessions", body: changePasswordInput },
  "GET /openapi.json": { summary: "This document" },
  "GET /tenants": { summary: "Tenants you may see" },
  "POST /tenants": { summary: "Create a tenant", body: createTenantInput },
  "GET /tenants/{id}/members": { summary: "A tenant's members", params: byId },
  "POST /tenants/{id}/members": { summary: "Add a member, or change its role", body: addMemberInput, params: byId },
  "DELETE /tenants/{id}/members/{userId}": {
    summary: "Remove a member",
    params: { path: z.object({ id, userId: id }) },
  },
  "GET /tenants/{id}/tokens": { summary: "A tenant's API tokens", params: byId },
  "POST /tenants/{id}/tokens": { summary: "Create a tenant API token", body: createTenantTokenInput, params: byId },
  "GET /tokens": { summary: "Platform API tokens" },
  "GET /tokens/all": {
    summary: "Every API token, the platform's and every tenant's; inactiveReason says why one does not work",
  },
  "POST /tokens": { summary: "Create a platform API token", body: createPlatformTokenInput },
  "DELETE /tokens/{id}": { summary: "Revoke an API token", params: byId },
  "GET /users": { summary: "Users" },
  "POST /users": { summary: "Create a user", body: createUserInput },
  "PATCH /users/{id}": {
    summary: "Change a user's platform role, or set its password (ends its sessions)",
    body: updateUserInput,
    params: byId,
  },
  "DELETE /users/{id}": { summary: "Delete a user, its memberships and the API tokens it created", params: byId },
  "DELETE /users/{id}/sessions": { summary: "End every session of a user", params: byId },
  "GET /projects": { summary: "Projects you may see" },
  "POST /projects": { summary: "Create a project; the reconciler creates it in Swarm", body: createProjectInput },
  "GET /projects/{id}": { summary: "A project and its desired services", params: byId },
  "DELETE /projects/{id}": { summary: "Delete a project and its Swarm services", params: byId },
  "GET /projects/{id}/services": { summary: "A project's services as Swarm runs them", params: byId },
  "PATCH /services/{id}": {
    summary: "Scale a service: the reconciler then scales it in Swarm",
    body: scaleServiceInput,
    params: byId,
  },
  "GET /services/{id}/logs": {
    summary:
      'A service\'s log as NDJSON (application/x-ndjson), a line each: {"stream":"stdout"|"stderr","time":…|null,"text":…}; 409 while Swarm does not run the service yet',
    params: { ...byId, query: serviceLogsQuery },
  },
  "GET /audit": {
    summary: "The audit log, newest first; format=csv or json downloads every matching entry",
    params: { query: auditQueryInput.extend({ format: z.enum(["csv", "json"]).optional() }) },
  },
  "GET /events": {
    summary: "Server-sent events: a line for each change of what you may see; resync means list again",
    params: { query: z.object({ project: id.optional() }) },
  },
  "GET /audit/verify": {
    summary:
      "Recompute the audit log's hash chain; with head (saved from GET /audit/head), also report entries cut or rewritten up to it",
    params: { query: auditHeadInput.partial() },
  },
  "GET /audit/head": { summary: "The newest entry's id and hash, with an HMAC: save it outside Berth to verify later" },
};

/** Each documented operation as `METHOD /path/{param}`. */
export const documentedOperations = () => Object.keys(OPERATIONS);

export function openApiDocument() {
  const paths: Record<string, Record<string, ZodOpenApiOperationObject>> = {};
  for (const [key, operation] of Object.entries(OPERATIONS)) {
    const [method, path] = key.split(" ") as [string, string];
    paths[path] ??= {};
    paths[path][method.toLowerCase()] = {
      summary: operation.summary,
      requestParams: operation.params,
      requestBody: operation.body && { required: true, ...json(operation.body) },
      security: key === "POST /auth/login" || key === "GET /openapi.json" ? [] : undefined,
      responses: {
        "200": { description: "Done (201 for a creation)" },
        "4XX": { description: "Refused; the message says why", ...json(errorBody) },
        "503": { description: "Postgres or Docker is unreachable; the message names it", ...json(errorBody) },
      },
    };
  }
  return createDocument({
    openapi: "3.1.0",
    info: { title: "Berth API", version: "1" },
    servers: [{ url: "/api/v1" }],
    security: [{ session: [] }, { token: [] }],
    components: {
      securitySchemes: {
        session: {
          type: "apiKey",
          in: "cookie",
          name: "berth_session",
          description: "named __Host-berth_session when Berth is served over https",
        },
        token: { type: "http", scheme: "bearer", description: "an API token, berth_…" },
      },
    },
    paths,
  });
}
