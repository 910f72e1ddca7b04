import "server-only";
import { type Context, toAppError } from "@berth/core";
import { notFound, redirect } from "next/navigation";
import { server } from "./server";
import { currentPrincipal } from "./session";

/** The use-case context for a page; sends a visitor without a session to the sign-in page. */
export async function pageContext(): Promise<Context> {
  const principal = await currentPrincipal();
  if (!principal) redirect("/login");
  const { db, docker, swarm, auth, fence } = server();
  return { db, docker, swarm, principal, request: {}, auth, fence };
}

/**
 * Renders Next's 404 page for a use-case's "not found" (another tenant's object included) and for what the
 * principal's role does not allow: a page one may not see does not exist for one.
 */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    const known = toAppError(error);
    if (known?.code === "not_found" || known?.code === "forbidden") notFound();
    throw error;
  }
}
