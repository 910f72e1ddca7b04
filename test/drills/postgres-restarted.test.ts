import { describe, expect, it } from "vitest";
import { alive, drillBerthOfThisFile } from "./drill-berth";
import { recordDrill, waitForConvergence } from "./verdict";

// Drill 1: Postgres restarted (pg_ctl restart -m fast, as pg_ctlcluster does: every session ends with 57P01) while
// the web answers a stream of project creations and the worker reconciles them.
const drill = drillBerthOfThisFile();

describe("drill 1: Postgres restarted", () => {
  it("loses nothing, duplicates nothing, answers only 201 or 503, and the worker stays up", async () => {
    const { berth, worker } = drill;
    const answers: { name: string; status: number; text: string }[] = [];
    let restartedAt = 0;
    let restart: Promise<void> | undefined;
    let restartDone = false;
    let firstSuccessAfter = 0;
    let successesAfter = 0;
    for (let i = 0; i < 400 && successesAfter < 5; i++) {
      if (i === 5) {
        restartedAt = Date.now();
        restart = berth.postgres.restart().then(() => {
          restartDone = true;
        });
      }
      const name = `p${i}`;
      const answer = await berth.createProject(name);
      answers.push({ name, ...answer });
      if (restartDone && answer.status === 201) {
        firstSuccessAfter ||= Date.now();
        successesAfter++;
      }
    }
    await restart;
    const acknowledged = answers.filter((a) => a.status === 201).map((a) => a.name);
    const verdict = await waitForConvergence(berth, acknowledged);
    const secondsToRecover = (Date.now() - restartedAt) / 1000;
    console.log(
      `drill 1: ${answers.length} creates (${acknowledged.length} 201), a create succeeded again after`,
      `${((firstSuccessAfter - restartedAt) / 1000).toFixed(1)} s, converged after ${secondsToRecover.toFixed(1)} s`,
    );
    recordDrill({
      drill: "1 Postgres restarted",
      lost: verdict.lost,
      duplicates: verdict.duplicates,
      secondsToRecover,
    });

    expect(alive(worker)).toBe(true);
    expect(alive(berth.web)).toBe(true);
    expect(answers.filter((a) => a.status !== 201 && a.status !== 503)).toEqual([]);
    expect(successesAfter).toBe(5);
    expect(verdict).toEqual({ lost: 0, duplicates: 0, converged: true });
  });
});
