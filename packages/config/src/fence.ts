import { z } from "zod";

// How tenants' workloads are fenced: the host ports they may publish, and the nodes their tasks may run on.

export interface PortRange {
  from: number;
  to: number;
}

/** `30000-32767` or `30000-30100,31000`: the host ports tenants may publish. */
export const publishedPorts = z
  .string()
  .default("30000-32767")
  .transform((v, ctx) => {
    const ranges = v
      .split(",")
      .map((s) => /^\s*(\d{1,5})(?:-(\d{1,5}))?\s*$/.exec(s))
      .map((m) => m && { from: Number(m[1]), to: Number(m[2] ?? m[1]) });
    if (ranges.every((r): r is PortRange => r !== null && r.from >= 1 && r.from <= r.to && r.to <= 65535)) {
      return ranges;
    }
    ctx.addIssue({ code: "custom", message: "must be ports or ranges from 1 to 65535, e.g. 30000-30100,31000" });
    return z.NEVER;
  });

/** A Swarm constraint in one of the forms Berth can evaluate itself (packages/docker/src/placement.ts). */
const CONSTRAINT =
  /^(node\.(?:id|hostname|role|platform\.os|platform\.arch|labels\.[\w.-]+)|engine\.labels\.[\w.-]+)\s*(==|!=)\s*([^\s,;]+)$/i;

/** `node.role==worker; node.labels.tenants==yes`: the constraints every tenant service gets. */
export const tenantPlacement = z
  .string()
  .default("")
  .transform((v, ctx) => {
    const matches = v
      .split(/[;,]/)
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => CONSTRAINT.exec(s));
    if (matches.every((m) => m !== null)) {
      return matches.map(([, key = "", operator, value = ""]) => ({ key, operator: operator as "==" | "!=", value }));
    }
    ctx.addIssue({
      code: "custom",
      message:
        "must be constraints like node.role==worker separated by ; or , on node.id, node.hostname, node.role, " +
        "node.platform.os, node.platform.arch, node.labels.<name> or engine.labels.<name>, with == or !=",
    });
    return z.NEVER;
  });
