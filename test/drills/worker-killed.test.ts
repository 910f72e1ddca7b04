import { describe, expect, it } from "vitest";
import { createMidReconcile, drillBerthOfThisFile } from "./drill-berth";
import { recordDrill, waitForConvergence } from "./verdict";

// Drill 4: the worker SIGKILLed while it creates a 10-service project; the next worker takes the lead and converges.
// Then its graceful counterpart: SIGTERM in the middle of the same kind of pass.
const drill = drillBerthOfThisFile();

describe("drill 4: the worker SIGKILLed mid-reconcile", () => {
  it("the next worker converges: 10 services, 1 network, no duplicate", async () => {
    const { berth, worker } = drill;
    const { prefix, inSwarm } = await createMidReconcile(berth, "big");
    worker.kill("SIGKILL");
    const killedAt = Date.now();
    drill.worker = await berth.startWorker();
    const verdict = await waitForConvergence(berth, ["big"]);
    const secondsToRecover = (Date.now() - killedAt) / 1000;
    const observed = await berth.observe();
    console.log(
      `drill 4: killed with ${inSwarm} of 10 services in Swarm; converged after ${secondsToRecover.toFixed(1)} s`,
    );
    recordDrill({ drill: "4 worker SIGKILLed", lost: verdict.lost, duplicates: verdict.duplicates, secondsToRecover });

    expect(inSwarm).toBeGreaterThan(0);
    expect(observed.services.filter((name) => name.startsWith(prefix))).toHaveLength(10);
    expect(observed.networks).toEqual(["big"]);
    expect(verdict).toEqual({ lost: 0, duplicates: 0, converged: true });
  });

  it("SIGTERM mid-reconcile: the worker ends its pass, exits 0 within its grace period, and the next one converges", async () => {
    const { berth, worker } = drill;
    const { prefix, inSwarm } = await createMidReconcile(berth, "graceful");
    const exited = new Promise<number | null>((resolve) => worker.once("exit", resolve));
    const stoppedAt = Date.now();
    worker.kill("SIGTERM");
    const status = await exited;
    const secondsToExit = (Date.now() - stoppedAt) / 1000;
    await berth.startWorker();
    const verdict = await waitForConvergence(berth, ["big", "graceful"]);
    console.log(
      `SIGTERM with ${inSwarm} of 10 services in Swarm: exited ${status} after ${secondsToExit.toFixed(1)} s`,
    );

    expect(inSwarm).toBeGreaterThan(0);
    expect(status).toBe(0);
    expect((await berth.observe()).services.filter((name) => name.startsWith(prefix))).toHaveLength(10);
    expect(verdict).toEqual({ lost: 0, duplicates: 0, converged: true });
  });
});
