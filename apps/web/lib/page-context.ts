import "server-only";
import type { Context } from "@berth/core";
import { redirect } from "next/navigation";
import { server } from "./server";
import { currentPrincipal } from "./session";

/** The use-case context for a page; sends a visitor without a session to the sign-in page. */
export async function pageContext(): Promise<Context> {
  const principal = await currentPrincipal();
  if (!principal) redirect("/login");
  const { db, docker, config } = server();
  return { db, docker, dockerHost: config.DOCKER_HOST, principal, request: {} };
}
