import { describe, expect, it } from "vitest";
import { alive, drillBerthOfThisFile, sleep } from "./drill-berth";
import { recordDrill, waitForConvergence } from "./verdict";

// Drill 2: Postgres stopped for 60 s while users keep creating projects, then started again.
const drill = drillBerthOfThisFile();

describe("drill 2: Postgres unreachable for 60 s while users create projects", () => {
  it("answers 503 naming Postgres, writes nothing, and converges when Postgres is back", async () => {
    const { berth, worker } = drill;
    const before = await berth.createProject("before");
    await berth.postgres.stop();
    const stoppedAt = Date.now();
    const refused: { name: string; status: number; text: string }[] = [];
    for (let i = 0; i < 600 && Date.now() - stoppedAt < 60_000; i++) {
      refused.push({ name: `away${i}`, ...(await berth.createProject(`away${i}`)) });
      await sleep(250);
    }
    await berth.postgres.start();
    const startedAt = Date.now();
    const after: string[] = [];
    for (let i = 0; i < 120 && after.length < 5; i++) {
      const answer = await berth.createProject(`after${i}`);
      if (answer.status === 201) after.push(`after${i}`);
      else await sleep(500);
    }
    const firstSuccess = (Date.now() - startedAt) / 1000;
    const acknowledged = [...(before.status === 201 ? ["before"] : []), ...after];
    const verdict = await waitForConvergence(berth, acknowledged);
    const secondsToRecover = (Date.now() - startedAt) / 1000;
    const { projects } = await berth.observe();
    console.log(
      `drill 2: ${refused.length} creates while away; after the start, 5 creates succeeded within`,
      `${firstSuccess.toFixed(1)} s, converged after ${secondsToRecover.toFixed(1)} s`,
    );
    recordDrill({
      drill: "2 Postgres away 60 s",
      lost: verdict.lost,
      duplicates: verdict.duplicates,
      secondsToRecover,
    });

    expect(before.status).toBe(201);
    const notRefused = refused.filter((a) => a.status !== 503 || !a.text.includes("Postgres"));
    expect(notRefused).toEqual([]);
    expect(after).toHaveLength(5);
    // Nothing half-written: exactly the acknowledged projects, each with its service and its audit entry.
    expect(projects.map((p) => p.slug).sort()).toEqual([...acknowledged].sort());
    expect(projects.filter((p) => p.services.length !== 1 || !p.audited)).toEqual([]);
    expect(alive(worker)).toBe(true);
    expect(alive(berth.web)).toBe(true);
    expect(verdict).toEqual({ lost: 0, duplicates: 0, converged: true });
  });
});
