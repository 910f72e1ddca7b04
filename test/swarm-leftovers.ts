/**
 * `npm test`'s last check (scripts/test), after every runner has ended: the shared engine holds no service or network
 * of this run. Its argument is when the run began. What was created since and is labelled with the run's instance, or
 * with no instance at all (a test that created it without labelling it), is this run's; another instance's (a run going
 * on beside this one, a quickstart that names itself) is not. Exits 1, naming each one, when any is left.
 */
import { createDocker } from "../packages/docker/src/client";
import { LABEL } from "../packages/docker/src/labels";
import { readTestEnv } from "./test-env";
import { testRunInstance } from "./test-run";

const since = Date.parse(process.argv[2] ?? "");
if (Number.isNaN(since)) throw new Error("usage: tsx test/swarm-leftovers.ts <when the run began, ISO 8601>");
const instance = testRunInstance();
const docker = createDocker(readTestEnv().DOCKER_HOST);
const [services, networks] = await Promise.all([docker.listServices(), docker.listNetworks()]);
const objects = [
  ...services.map((s) => ({ what: `service ${s.Spec?.Name}`, created: s.CreatedAt, labels: s.Spec?.Labels })),
  // Swarm's own networks only: a restarted engine (e2e/outages.spec.ts) makes its local ones anew.
  ...networks
    .filter((n) => n.Scope === "swarm" && !n.Ingress)
    .map((n) => ({ what: `network ${n.Name}`, created: n.Created, labels: n.Labels })),
];
const left = objects.filter(
  (o) => Date.parse(o.created ?? "") >= since && [undefined, instance].includes(o.labels?.[LABEL.instance]),
);
for (const o of left)
  console.error(`test: left in Swarm: ${o.what} (${LABEL.instance}=${o.labels?.[LABEL.instance] ?? "none"})`);
console.error(`test: ${left.length} Swarm objects left by this run (${instance}, since ${process.argv[2]})`);
process.exitCode = left.length ? 1 : 0;
