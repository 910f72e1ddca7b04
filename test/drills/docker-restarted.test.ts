import { describe, expect, it } from "vitest";
import { alive, createMidReconcile, drillBerthOfThisFile, sleep } from "./drill-berth";
import { recordDrill, waitForConvergence } from "./verdict";

// Drill 3: dockerd restarted (SIGTERM, then started again with its Swarm) while the worker creates a 10-service
// project. The engine is the drill's own: the shared one serves every session.
const drill = drillBerthOfThisFile({ privateDocker: true });

/** Polls `check` twice a second, 30 s at most; answers whether it came true. */
async function within30s(check: () => boolean | Promise<boolean>) {
  for (let i = 0; i < 60; i++) {
    if (await check()) return true;
    await sleep(500);
  }
  return false;
}

describe("drill 3: dockerd restarted mid-reconcile", () => {
  it("converges without a duplicate; web and worker stay up, say Docker is away meanwhile, and resync after", async () => {
    const { berth, worker, docker } = drill;
    const events = await berth.events();
    try {
      // The stream opens with everything the listener sees: from then on the web follows Docker's events.
      expect(await within30s(() => events.received.some((e) => e.signal.kind === "projects" && e.signal.full))).toBe(
        true,
      );
      const { prefix, inSwarm } = await createMidReconcile(berth, "big");
      const logBefore = berth.log().length;
      const stoppedAt = Date.now();
      await docker.stop();

      // /readyz asks its clients at most once a second: what it says may be a second old.
      await within30s(async () => (await fetch(`${berth.base}/readyz`)).status === 503);
      const ready = await fetch(`${berth.base}/readyz`);
      const readiness = (await ready.json()) as { docker: { ok: boolean; message: string } };
      // The worker says its pass failed and, rather than exit, tries again every 2 s while dockerd is away: 6 s after
      // its first failure it has failed twice more (a pass every 10 s, as when all is well, would fail once at most).
      const failures = () => berth.log().slice(logBefore).split('"msg":"reconcile failed').length - 1;
      const workerFailed = await within30s(() => failures() >= 1);
      await sleep(6_000);
      const retries = failures() - 1;

      await docker.start();
      const backAt = Date.now();
      const verdict = await waitForConvergence(berth, ["big"]);
      const secondsToRecover = (Date.now() - backAt) / 1000;
      // Once Docker answers again, the web's snapshot lists it anew and the stream sends the projects again.
      const resynced = await within30s(() =>
        events.received.some((e) => e.at >= backAt && e.signal.kind === "projects"),
      );
      const observed = await berth.observe();
      console.log(
        `drill 3: stopped with ${inSwarm} of 10 services in Swarm; dockerd away ${((backAt - stoppedAt) / 1000).toFixed(1)} s,`,
        `the worker retried ${retries} times meanwhile;`,
        `converged ${secondsToRecover.toFixed(1)} s after it answered again`,
      );
      recordDrill({
        drill: "3 dockerd restarted",
        lost: verdict.lost,
        duplicates: verdict.duplicates,
        secondsToRecover,
      });

      expect(inSwarm).toBeGreaterThan(0);
      expect(ready.status).toBe(503);
      expect(readiness.docker).toEqual({ ok: false, message: "Docker does not answer." });
      expect(workerFailed).toBe(true);
      expect(retries).toBeGreaterThanOrEqual(2);
      expect(observed.services.filter((name) => name.startsWith(prefix))).toHaveLength(10);
      // What the reconciler creates in Swarm: services and the project's network (secrets come with issue 9).
      expect(observed.networks).toEqual(["big"]);
      expect(verdict).toEqual({ lost: 0, duplicates: 0, converged: true });
      expect(resynced).toBe(true);
      expect(alive(worker)).toBe(true);
      expect(alive(berth.web)).toBe(true);
    } finally {
      events.close();
    }
  });
});
