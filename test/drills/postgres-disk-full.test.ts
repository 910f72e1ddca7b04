import { describe, expect, it } from "vitest";
import { alive, drillBerthOfThisFile, sleep } from "./drill-berth";
import { recordDrill, waitForConvergence } from "./verdict";

// Drill 6: the disk under Postgres's data fills up (a tmpfs the drill fills with a file and frees again; the WAL is on
// the normal disk, see test/drills/private-postgres.ts) while users create projects and read.
const drill = drillBerthOfThisFile({ dataDiskMb: 96 });
const NO_SPACE = "The database has no space left to write; nothing was changed.";
const saysNoSpace = (answer: { status: number; text: string }) =>
  answer.status === 503 &&
  (JSON.parse(answer.text) as { error: { message: string } }).error.message.startsWith(NO_SPACE);

describe("drill 6: the disk under Postgres full", () => {
  it("refuses writes with 503 naming the full disk, keeps answering reads, and recovers when space returns", async () => {
    const { berth, worker } = drill;
    const disk = berth.postgres.disk;
    if (!disk) throw new Error("the drill's Postgres has no data disk of its own");
    const before = ["before0", "before1", "before2"];
    const beforeAnswers = await Promise.all(before.map((name) => berth.createProject(name)));

    await disk.fill();
    // Postgres refuses what needs a file to grow; an insert into a page with room still succeeds: creates go on until
    // five in a row were refused, and those that succeeded are acknowledged like any other.
    const whileFull: { name: string; status: number; text: string }[] = [];
    for (let i = 0, refusedInARow = 0; i < 60 && refusedInARow < 5; i++) {
      const answer = { name: `full${i}`, ...(await berth.createProject(`full${i}`)) };
      whileFull.push(answer);
      refusedInARow = answer.status === 201 ? 0 : refusedInARow + 1;
    }
    const projects = await berth.api("GET", "/projects");
    const me = await berth.api("GET", "/me");
    const readyz = await fetch(`${berth.base}/readyz`).then(async (r) => `${r.status} ${await r.text()}`);
    // Signing in writes a session row and an audit entry, so it may be refused like any other write; the session the
    // user already holds goes on working.
    const signIn = await berth.api("POST", "/auth/login", {
      email: "admin@berth.local",
      password: "the drill admin's own",
    });
    const meAfterSignIn = await berth.api("GET", "/me");
    await sleep(3000);
    const workerAliveWhileFull = alive(worker);

    disk.free();
    const freedAt = Date.now();
    const after: string[] = [];
    let firstSuccess = 0;
    for (let i = 0; i < 120 && after.length < 5; i++) {
      const answer = await berth.createProject(`after${i}`);
      if (answer.status === 201) {
        after.push(`after${i}`);
        firstSuccess ||= (Date.now() - freedAt) / 1000;
      } else await sleep(500);
    }
    const acknowledged = [
      ...before.filter((_, i) => beforeAnswers[i]?.status === 201),
      ...whileFull.filter((a) => a.status === 201).map((a) => a.name),
      ...after,
    ];
    const verdict = await waitForConvergence(berth, acknowledged);
    const observed = await berth.observe();
    const refused = whileFull.filter((a) => a.status !== 201);
    console.log(
      `drill 6: with the disk full, ${whileFull.length - refused.length} of ${whileFull.length} creates succeeded`,
      `(pages with room) before five in a row were refused (${refused[0]?.status}: ${refused[0]?.text});`,
      `GET /projects ${projects.status}, GET /me ${me.status}, /readyz ${readyz};`,
      `sign-in ${signIn.status} ${signIn.text}, then GET /me ${meAfterSignIn.status};`,
      `a create succeeded ${firstSuccess.toFixed(1)} s after the space was freed`,
    );
    recordDrill({
      drill: "6 Postgres disk full",
      lost: verdict.lost,
      duplicates: verdict.duplicates,
      secondsToRecover: firstSuccess,
    });

    expect(beforeAnswers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(refused.length).toBeGreaterThanOrEqual(5);
    expect(refused.filter((a) => !saysNoSpace(a))).toEqual([]);
    expect(projects.status).toBe(200);
    const listed = (JSON.parse(projects.text) as { slug: string }[]).map((p) => p.slug);
    expect(listed).toEqual(expect.arrayContaining(acknowledged.filter((slug) => !after.includes(slug))));
    expect(me.status).toBe(200);
    expect(signIn.status === 200 || saysNoSpace(signIn) ? "signed in, or refused for space" : signIn).toBe(
      "signed in, or refused for space",
    );
    expect(meAfterSignIn.status).toBe(200);
    expect(workerAliveWhileFull).toBe(true);
    expect(after).toHaveLength(5);
    // Nothing half-written: exactly the acknowledged projects, each with its service and its audit entry.
    expect(observed.projects.map((p) => p.slug).sort()).toEqual([...acknowledged].sort());
    expect(observed.projects.filter((p) => p.services.length !== 1 || !p.audited)).toEqual([]);
    expect(alive(worker)).toBe(true);
    expect(alive(berth.web)).toBe(true);
    expect(verdict).toEqual({ lost: 0, duplicates: 0, converged: true });
  });
});
