import "server-only";
import { AppError, type Context } from "@berth/core";
import { notFound, redirect } from "next/navigation";
import { server } from "./server";
import { currentPrincipal } from "./session";

/** The use-case context for a page; sends a visitor without a session to the sign-in page. */
export async function pageContext(): Promise<Context> {
  const principal = await currentPrincipal();
  if (!principal) redirect("/login");
  const { db, docker, config, auth } = server();
  return { db, docker, dockerHost: config.DOCKER_HOST, principal, request: {}, auth };
}

/** Renders Next's 404 page for a use-case's "not found" (another tenant's object included). */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}
