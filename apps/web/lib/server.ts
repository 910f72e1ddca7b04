import "server-only";
import type { BlockList } from "node:net";
import { type Config, loadConfig } from "@berth/config";
import {
  type AuthSettings,
  authSettingsFrom,
  createPrincipalCache,
  type FenceSettings,
  fenceSettingsFrom,
  PRINCIPALS_CHANNEL,
  type PrincipalCache,
} from "@berth/core";
import { createDb, type Db, holdLeaderChannel } from "@berth/db";
import { createDocker, createSwarmSnapshot, type DockerClient, type SwarmSnapshot } from "@berth/docker";
import pino from "pino";
import { trustedProxyList } from "./client-address";

interface Server {
  config: Config;
  auth: AuthSettings;
  fence: FenceSettings;
  db: Db;
  docker: DockerClient;
  swarm: SwarmSnapshot;
  principals: PrincipalCache;
  log: pino.Logger;
  trustedProxies: BlockList;
}

const globalForServer = globalThis as unknown as { berth?: Server };

/** The process's configuration and clients, made once on first use. */
export function server(): Server {
  if (!globalForServer.berth) {
    const config = loadConfig();
    const docker = createDocker(config.DOCKER_HOST);
    const principals = createPrincipalCache();
    // Every web process hears which sessions, users and tokens changed, from a connection of its own (made again by
    // itself when lost; while it is, no principal is kept).
    void holdLeaderChannel({
      databaseUrl: config.DATABASE_URL,
      channel: PRINCIPALS_CHANNEL,
      onNotification: principals.changed,
      onLeadership: principals.listening,
      signal: new AbortController().signal,
    });
    globalForServer.berth = {
      config,
      auth: authSettingsFrom(config),
      fence: fenceSettingsFrom(config),
      db: createDb(config.DATABASE_URL),
      docker,
      principals,
      swarm: createSwarmSnapshot(docker, createDocker(config.DOCKER_HOST, { streaming: true })),
      trustedProxies: trustedProxyList(config.BERTH_TRUSTED_PROXIES),
      log: pino({ level: config.LOG_LEVEL, base: { process: "web" }, redact: ["password", "*.password"] }),
    };
  }
  return globalForServer.berth;
}
