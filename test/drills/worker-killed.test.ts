import { describe, expect, it } from "vitest";
import { drillBerthOfThisFile, idleService } from "./drill-berth";
import { recordDrill, waitForConvergence } from "./verdict";

// Drill 4: the worker SIGKILLed while it creates a 10-service project; the next worker takes the lead and converges.
const drill = drillBerthOfThisFile();

describe("drill 4: the worker SIGKILLed mid-reconcile", () => {
  it("the next worker converges: 10 services, 1 network, no duplicate", async () => {
    const { berth, worker } = drill;
    const services = Array.from({ length: 10 }, (_, i) => idleService(`s${i}`));
    expect((await berth.createProject("big", services)).status).toBe(201);
    const prefix = `${berth.tenant}_big_`;
    let inSwarm = 0;
    for (let i = 0; i < 1000 && inSwarm === 0; i++) {
      inSwarm = (await berth.swarm()).services.filter((name) => name.startsWith(prefix)).length;
    }
    worker.kill("SIGKILL");
    const killedAt = Date.now();
    await berth.startWorker();
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
});
