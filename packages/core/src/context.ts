import type { Db } from "@berth/db";
import type { DockerClient, SwarmSnapshot } from "@berth/docker";
import type { Principal } from "@berth/policy";
import type { AuthSettings } from "./auth/auth-settings";
import type { FenceSettings } from "./projects/fence-settings";

/** Where a request came from, for the audit log. */
export interface RequestMeta {
  ip?: string;
  userAgent?: string;
  requestId?: string;
}

/** What every use-case is given: its dependencies, who is acting, and from where. */
export interface Context {
  db: Db;
  docker: DockerClient;
  /** What Swarm runs, for reading: one copy per process, kept fresh by Docker's events. */
  swarm: SwarmSnapshot;
  principal: Principal;
  request: RequestMeta;
  auth: AuthSettings;
  fence: FenceSettings;
  /** BERTH_INSTANCE, when set: the label of every Swarm object this Berth creates. */
  instance?: string;
}

/** A transaction client: what `db.$transaction(async (tx) => …)` hands its callback. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
