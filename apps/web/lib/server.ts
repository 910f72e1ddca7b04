import "server-only";
import type { BlockList } from "node:net";
import { type Config, loadConfig } from "@berth/config";
import { type AuthSettings, authSettingsFrom, type FenceSettings, fenceSettingsFrom } from "@berth/core";
import { createDb, type Db } from "@berth/db";
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
  log: pino.Logger;
  trustedProxies: BlockList;
}

const globalForServer = globalThis as unknown as { berth?: Server };

/** The process's configuration and clients, made once on first use. */
export function server(): Server {
  if (!globalForServer.berth) {
    const config = loadConfig();
    const docker = createDocker(config.DOCKER_HOST);
    globalForServer.berth = {
      config,
      auth: authSettingsFrom(config),
      fence: fenceSettingsFrom(config),
      db: createDb(config.DATABASE_URL),
      docker,
      swarm: createSwarmSnapshot(docker, createDocker(config.DOCKER_HOST, { streaming: true })),
      trustedProxies: trustedProxyList(config.BERTH_TRUSTED_PROXIES),
      log: pino({ level: config.LOG_LEVEL, base: { process: "web" }, redact: ["password", "*.password"] }),
    };
  }
  return globalForServer.berth;
}
