import { type Browser, chromium, type Page, type Request } from "playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumLaunchOptions } from "../test-env";
import { DRILL_ADMIN, type DrillBerth, drillBerthOfThisFile } from "./drill-berth";
import { recordDrill, waitForConvergence } from "./verdict";

// Drill 5: web SIGKILLed while a browser follows the projects list's event stream in one tab and submits the
// new-project form in another. Restarted on the same port, web must let the user's second submit create the project
// once (or refuse it, 409, if the first was applied), and the list tab must show the project by itself.
const drill = drillBerthOfThisFile();
let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch(chromiumLaunchOptions());
});
afterAll(() => browser?.close());

const isCreate = (method: string, url: string) => method === "POST" && new URL(url).pathname === "/api/v1/projects";

/** SIGKILLs web as the form's POST leaves the browser: whether web applied it first is left to chance, and recorded. */
function killAsSent(form: Page, berth: DrillBerth, killed: () => void) {
  const onRequest = (r: Request) => {
    if (!isCreate(r.method(), r.url())) return;
    form.off("request", onRequest);
    berth.killWeb();
    killed();
  };
  form.on("request", onRequest);
}

/**
 * SIGKILLs web after it applied the POST and before its answer reached the browser. A kill cannot be timed into the
 * instant between commit and answer, so the interception holds the answer back: the browser then sees the broken
 * connection a real kill would leave it.
 */
async function killAfterApplied(form: Page, berth: DrillBerth, killed: () => void) {
  let armed = true;
  await form.route("**/api/v1/projects", async (route) => {
    if (!armed || !isCreate(route.request().method(), route.request().url())) return route.continue();
    armed = false;
    await route.fetch();
    berth.killWeb();
    killed();
    await route.abort("connectionreset");
  });
}

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(DRILL_ADMIN.email);
  await page.getByLabel("Password").fill(DRILL_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Projects" }).waitFor();
}

async function fillNewProject(page: Page, tenant: string, name: string) {
  await page.goto("/projects/new");
  await page.getByLabel("Tenant").selectOption(tenant);
  await page.getByLabel("Project name").fill(name);
  await page.getByLabel("Service name").fill("app");
  await page.getByLabel("Image", { exact: true }).fill("berth-test/busybox:1");
  await page.getByLabel("Replicas").fill("0");
}

describe("drill 5: web SIGKILLed under a browser", () => {
  it.each([
    { name: "sent", drillName: "5 web SIGKILLed", arm: killAsSent },
    { name: "applied", drillName: "5 web SIGKILLed, answer lost", arm: killAfterApplied },
  ])(
    "killed with the POST $name: applied once, the stream reconnects, the list shows it",
    async ({ name, drillName, arm }) => {
      const { berth } = drill;
      const context = await browser.newContext({ baseURL: berth.base });
      const list = await context.newPage();
      await signIn(list);
      const form = await context.newPage();
      await fillNewProject(form, berth.tenant, name);

      // What the list tab receives after the kill: the stream's reopening, and the list it then fetches again.
      const listAnswers: { path: string; method: string; status: number; at: number }[] = [];
      list.on("response", (r) => {
        listAnswers.push({
          path: new URL(r.url()).pathname,
          method: r.request().method(),
          status: r.status(),
          at: Date.now(),
        });
      });
      let killedAt = 0;
      await arm(form, berth, () => {
        killedAt ||= Date.now();
      });
      await form.getByRole("button", { name: "Create project" }).click();
      const firstError = await form.locator("p.error").textContent();
      const appliedBeforeKill = (await berth.observe()).projects.some((p) => p.slug === name);
      const enabledAfterKill = await form.getByRole("button", { name: "Create project" }).isEnabled();

      await berth.restartWeb();
      const restartedAt = Date.now();
      // The user, told the request failed, submits again.
      const secondAnswer = form.waitForResponse((r) => isCreate(r.request().method(), r.url()));
      await form.getByRole("button", { name: "Create project" }).click();
      const secondStatus = (await secondAnswer).status();
      const secondText =
        secondStatus === 201
          ? await form.getByRole("heading", { name }).textContent()
          : await form.locator("p.error").textContent();
      await form.screenshot({ path: `.berth/shots/drill-web-killed-${name}-form.png`, fullPage: true });

      const shown = await list
        .getByRole("link", { name })
        .waitFor({ timeout: 60_000 })
        .then(
          () => true,
          () => false,
        );
      const secondsToRecover = (Date.now() - killedAt) / 1000;
      await list.screenshot({ path: `.berth/shots/drill-web-killed${name === "sent" ? "" : `-${name}`}.png` });
      const verdict = await waitForConvergence(berth, [name]);
      const observed = await berth.observe();
      // The stream's first reopening after the kill (so after the restart), and a GET of the list after it.
      const reconnectedAt = listAnswers.find(
        (a) => a.path === "/api/v1/events" && a.status === 200 && a.at > killedAt,
      )?.at;
      const relisted = listAnswers.some(
        (a) => a.method === "GET" && a.path === "/api/v1/projects" && a.at >= (reconnectedAt ?? 0),
      );
      console.log(
        `drill 5 (${name}): the first submit was ${appliedBeforeKill ? "applied before the kill" : "never applied"}`,
        `("${firstError}"); the second answered ${secondStatus} ("${secondText}"); the list`,
        `${shown ? "showed" : "had not shown"} the project ${secondsToRecover.toFixed(1)} s after the kill`,
        `(web was back after ${((restartedAt - killedAt) / 1000).toFixed(1)} s)`,
      );
      recordDrill({ drill: drillName, lost: verdict.lost, duplicates: verdict.duplicates, secondsToRecover });
      await context.close();

      expect(killedAt).toBeGreaterThan(0);
      expect(shown).toBe(true);
      expect(firstError).toBe("Berth did not answer; try again in a moment.");
      expect(enabledAfterKill).toBe(true);
      if (name === "applied") expect(appliedBeforeKill).toBe(true);
      expect(secondStatus).toBe(appliedBeforeKill ? 409 : 201);
      if (appliedBeforeKill) expect(secondText).toBe(`Tenant ${berth.tenant} has a project named ${name} already.`);
      expect(reconnectedAt).toBeDefined();
      expect(relisted).toBe(true);
      expect(observed.projects.filter((p) => p.slug === name)).toHaveLength(1);
      expect(observed.networks.filter((n) => n === name)).toHaveLength(1);
      expect(observed.services.filter((s) => s === `${berth.tenant}_${name}_app`)).toHaveLength(1);
      expect(verdict).toEqual({ lost: 0, duplicates: 0, converged: true });
    },
  );
});
