import type Docker from "dockerode";
import type { DockerClient } from "./client";
import { LABEL, type ProjectRef, projectFilter } from "./labels";
import { buildNetworkSpec, buildServiceSpec, networkNameOf, type ServiceInput } from "./specs";

export interface ReconcileResult {
  created: string[];
  updated: string[];
  removed: string[];
}

/** Creates the project's overlay network unless it exists. Idempotent. */
export async function ensureNetwork(docker: DockerClient, ref: ProjectRef): Promise<void> {
  const existing = await docker.listNetworks({ filters: projectFilter(ref) });
  if (existing.some((n) => n.Name === networkNameOf(ref))) return;
  await docker.createNetwork(buildNetworkSpec(ref));
}

/**
 * Makes the project's Swarm services match `services`: creates missing ones, updates changed ones (with the current
 * Version.Index, so a concurrent change fails instead of being overwritten), removes the project's services that
 * are no longer wanted. Running it again changes nothing.
 */
export async function reconcileProjectServices(
  docker: DockerClient,
  ref: ProjectRef,
  services: Omit<ServiceInput, keyof ProjectRef>[],
): Promise<ReconcileResult> {
  await ensureNetwork(docker, ref);
  const result: ReconcileResult = { created: [], updated: [], removed: [] };
  const current = await docker.listServices({ filters: projectFilter(ref) });
  const byName = new Map(current.map((s) => [s.Spec?.Labels?.[LABEL.service], s]));
  for (const service of services) {
    const spec = buildServiceSpec({ ...ref, ...service });
    const existing = byName.get(service.name);
    if (!existing) {
      await docker.createService(spec);
      result.created.push(service.name);
    } else if (hasDrifted(existing, spec)) {
      await docker.getService(existing.ID).update({ ...spec, version: existing.Version?.Index });
      result.updated.push(service.name);
    }
  }
  const wanted = new Set(services.map((s) => s.name));
  for (const [name, existing] of byName) {
    if (name && wanted.has(name)) continue;
    await docker.getService(existing.ID).remove();
    result.removed.push(name ?? existing.ID);
  }
  return result;
}

/**
 * Whether a service differs from what Berth wants: another spec hash means Berth's desired state changed; other
 * replicas or another image mean someone changed the service behind Berth's back (`docker service scale`, …).
 */
function hasDrifted(existing: Docker.Service, spec: Docker.CreateServiceOptions): boolean {
  const image = (s?: { TaskTemplate?: object }) =>
    (s?.TaskTemplate as { ContainerSpec?: { Image?: string } } | undefined)?.ContainerSpec?.Image?.split("@")[0];
  return (
    existing.Spec?.Labels?.[LABEL.specHash] !== spec.Labels?.[LABEL.specHash] ||
    existing.Spec?.Mode?.Replicated?.Replicas !== spec.Mode?.Replicated?.Replicas ||
    image(existing.Spec) !== image(spec)
  );
}

/** Removes every service and network of the project. Idempotent; answers whether anything was left to remove. */
export const removeProject = (docker: DockerClient, ref: ProjectRef) => removeLabelled(docker, projectFilter(ref));

/**
 * Removes every service, then every network, that `filters` selects (`{ label: [...] }`, as the Engine API takes it).
 * Idempotent; answers whether anything was left to remove.
 */
export async function removeLabelled(docker: DockerClient, filters: { label: string[] }): Promise<boolean> {
  const services = await docker.listServices({ filters });
  for (const s of services) await ignoreNotFound(docker.getService(s.ID).remove());
  const networks = await docker.listNetworks({ filters });
  for (const n of networks) await removeNetworkWhenFree(docker, n.Id);
  return services.length > 0 || networks.length > 0;
}

/** A network stays in use until the removed services' tasks are gone: retry for up to 15 s before giving up. */
async function removeNetworkWhenFree(docker: DockerClient, id: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await ignoreNotFound(docker.getNetwork(id).remove());
    } catch (error) {
      if (attempt >= 30) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

async function ignoreNotFound(promise: Promise<unknown>): Promise<void> {
  try {
    await promise;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  }
}
