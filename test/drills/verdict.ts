import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type DrillBerth, type Observed, sleep } from "./drill-berth";

/** What each drill leaves for the table that test/drills/global-setup.ts prints after all of them. */
export interface DrillResult {
  drill: string;
  /** Acknowledged changes (a 201) missing at the end, in Postgres or in Swarm. */
  lost: number;
  /** Rows or Swarm objects that are there more than once. */
  duplicates: number;
  secondsToRecover: number;
}

export const RESULTS_DIR = path.resolve(import.meta.dirname, "../../.berth/drills");

export function recordDrill(result: DrillResult) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(path.join(RESULTS_DIR, `${Date.now()}.json`), JSON.stringify(result));
}

export function drillTable(): string {
  if (!existsSync(RESULTS_DIR)) return "No drill recorded a result.";
  const files = readdirSync(RESULTS_DIR, { withFileTypes: true }).filter((f) => f.name.endsWith(".json"));
  const rows = files
    .map((f) => JSON.parse(readFileSync(path.join(RESULTS_DIR, f.name), "utf8")) as DrillResult)
    .sort((a, b) => a.drill.localeCompare(b.drill))
    .map((r) => [r.drill, String(r.lost), String(r.duplicates), r.secondsToRecover.toFixed(1)]);
  const all = [["drill", "lost", "duplicates", "seconds to recover"], ...rows];
  const widths = all[0]?.map((_, i) => Math.max(...all.map((row) => row[i]?.length ?? 0))) ?? [];
  return all
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join(" | ")
        .trimEnd(),
    )
    .join("\n");
}

export const clearDrillResults = () => rmSync(RESULTS_DIR, { recursive: true, force: true });

const counts = (names: string[]) => names.reduce((m, n) => m.set(n, (m.get(n) ?? 0) + 1), new Map<string, number>());

/**
 * Lost: acknowledged projects not whole in Postgres and Swarm (row, every service, the network). Duplicates: any row
 * or Swarm object there more than once. Converged: every project in Postgres, acknowledged or not, is whole in Swarm.
 */
export function judge(tenant: string, observed: Observed, acknowledged: string[]) {
  const rows = counts(observed.projects.map((p) => p.slug));
  const services = counts(observed.services);
  const networks = counts(observed.networks);
  const whole = (slug: string) => {
    const project = observed.projects.find((p) => p.slug === slug);
    return !!project && networks.has(slug) && project.services.every((s) => services.has(`${tenant}_${slug}_${s}`));
  };
  const extra = (m: Map<string, number>) => [...m.values()].reduce((sum, n) => sum + n - 1, 0);
  return {
    lost: acknowledged.filter((slug) => !whole(slug)).length,
    duplicates: extra(rows) + extra(services) + extra(networks),
    converged: observed.projects.every((p) => whole(p.slug)),
  };
}

/** Polls Swarm and Postgres, 60 times a second apart at most, until every project is whole and nothing is lost. */
export async function waitForConvergence(berth: DrillBerth, acknowledged: string[]) {
  let verdict = judge(berth.tenant, await berth.observe(), acknowledged);
  for (let i = 0; i < 60 && !(verdict.converged && verdict.lost === 0); i++) {
    await sleep(1000);
    verdict = judge(berth.tenant, await berth.observe(), acknowledged);
  }
  return verdict;
}
