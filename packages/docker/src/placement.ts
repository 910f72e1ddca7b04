import type { DockerClient } from "./client";

/**
 * A Swarm placement constraint, `<key> == <value>` or `<key> != <value>`. Berth evaluates these keys itself, as
 * swarmkit does: node.id, node.hostname, node.role, node.platform.os, node.platform.arch, node.labels.<name> and
 * engine.labels.<name> (not node.ip); values compare whole and ignoring case, a missing label as "".
 */
export interface PlacementConstraint {
  key: string;
  operator: "==" | "!=";
  value: string;
}

/** The part of the Engine API's node that constraints read. */
export interface SwarmNode {
  ID: string;
  Spec?: { Role?: string; Availability?: string; Labels?: Record<string, string> };
  Status?: { State?: string };
  Description?: {
    Hostname?: string;
    Platform?: { OS?: string; Architecture?: string };
    Engine?: { Labels?: Record<string, string> };
  };
}

/** As a service spec's `Placement.Constraints` takes it. */
export const constraintText = (c: PlacementConstraint) => `${c.key}${c.operator}${c.value}`;

function attributeOf(node: SwarmNode, key: string): string {
  const lower = key.toLowerCase();
  if (lower.startsWith("node.labels.")) return node.Spec?.Labels?.[key.slice("node.labels.".length)] ?? "";
  if (lower.startsWith("engine.labels.")) {
    return node.Description?.Engine?.Labels?.[key.slice("engine.labels.".length)] ?? "";
  }
  const attributes: Record<string, string | undefined> = {
    "node.id": node.ID,
    "node.hostname": node.Description?.Hostname,
    "node.role": node.Spec?.Role,
    "node.platform.os": node.Description?.Platform?.OS,
    "node.platform.arch": node.Description?.Platform?.Architecture,
  };
  if (!Object.hasOwn(attributes, lower)) throw new Error(`Berth cannot evaluate the constraint key ${key}.`);
  return attributes[lower] ?? "";
}

/** Whether Swarm may schedule a task with these constraints on the node: ready, active, and every constraint met. */
export function nodeSatisfies(node: SwarmNode, constraints: PlacementConstraint[]): boolean {
  if (node.Status?.State !== "ready" || node.Spec?.Availability !== "active") return false;
  return constraints.every((c) => {
    const equal = attributeOf(node, c.key).toLowerCase() === c.value.toLowerCase();
    return c.operator === "==" ? equal : !equal;
  });
}

/** How many nodes of the swarm can run a task with these constraints now. One Engine API call. */
export async function countEligibleNodes(docker: DockerClient, constraints: PlacementConstraint[]): Promise<number> {
  const nodes: SwarmNode[] = await docker.listNodes();
  return nodes.filter((node) => nodeSatisfies(node, constraints)).length;
}
