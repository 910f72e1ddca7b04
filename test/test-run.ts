import type { DockerClient } from "../packages/docker/src/client";
import { instanceFilter, LABEL } from "../packages/docker/src/labels";
import { removeLabelled } from "../packages/docker/src/reconcile-project";
import { processExists } from "./process-exists";

/**
 * A test run's BERTH_INSTANCE, `test-<pid>`: the pid of the process whose life is the run's. Under `npm test` that is
 * scripts/test's (BERTH_TEST_RUN_PID), shared by its runners, which run one after the other; a runner started alone
 * (`npx vitest run`, `npx playwright test`, `npm run drills`) is a run of its own, named after its main process. So two
 * runs at once never share an instance, and neither's teardown removes what the other still uses.
 */
export function testRunInstance(pid = Number(process.env.BERTH_TEST_RUN_PID) || process.pid) {
  return `test-${pid}`;
}

const TEST_RUN = /^test-(\d+)$/;

/** Removes what every test run whose process is gone (a crashed or killed run) left in Swarm; answers their instances. */
export async function sweepDeadTestRuns(docker: DockerClient): Promise<string[]> {
  const filters = { label: [LABEL.instance] };
  const [services, networks] = await Promise.all([docker.listServices({ filters }), docker.listNetworks({ filters })]);
  const instances = new Set([
    ...services.map((s) => s.Spec?.Labels?.[LABEL.instance] ?? ""),
    ...networks.map((n) => n.Labels?.[LABEL.instance] ?? ""),
  ]);
  const dead = [...instances].filter((instance) => {
    const pid = TEST_RUN.exec(instance)?.[1];
    return pid !== undefined && !processExists(Number(pid));
  });
  for (const instance of dead) await removeLabelled(docker, instanceFilter(instance));
  return dead;
}

/**
 * For each runner's global setup: sweeps crashed runs' leftovers, then answers the run's instance, and `end`, which
 * removes every service and network labelled with it: the runner's teardown, once the Berth it started has stopped.
 */
export async function startTestRun(docker: DockerClient) {
  await sweepDeadTestRuns(docker);
  const instance = testRunInstance();
  return { instance, end: () => removeLabelled(docker, instanceFilter(instance)) };
}
