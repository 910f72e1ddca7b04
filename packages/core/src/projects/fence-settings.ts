import type { Config } from "@berth/config";
import type { PlacementConstraint } from "@berth/docker";

/** How tenants' workloads are fenced, from the configuration (README, Configuration). */
export interface FenceSettings {
  /** The host ports tenants may publish, as inclusive ranges (BERTH_PUBLISHED_PORTS). */
  publishedPorts: Config["BERTH_PUBLISHED_PORTS"];
  /** The Swarm constraints every tenant service gets (BERTH_TENANT_PLACEMENT). */
  placement: PlacementConstraint[];
}

export function fenceSettingsFrom(
  config: Pick<Config, "BERTH_PUBLISHED_PORTS" | "BERTH_TENANT_PLACEMENT">,
): FenceSettings {
  return { publishedPorts: config.BERTH_PUBLISHED_PORTS, placement: config.BERTH_TENANT_PLACEMENT };
}

/** `30000-30100, 31000`: the ranges as a person reads them. */
export const publishedPortsText = (fence: FenceSettings) =>
  fence.publishedPorts.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`)).join(", ");

export const mayPublish = (fence: FenceSettings, port: number) =>
  fence.publishedPorts.some((r) => port >= r.from && port <= r.to);
