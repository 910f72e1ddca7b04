/** The labels that are Berth's contract with Swarm (DESIGN.md, "Labels"). */
export const LABEL = {
  managed: "berth.managed",
  tenant: "berth.tenant",
  project: "berth.project",
  service: "berth.service",
  specHash: "berth.spec-hash",
  instance: "berth.instance",
  stackNamespace: "com.docker.stack.namespace",
} as const;

export interface ProjectRef {
  tenant: string;
  project: string;
  /**
   * BERTH_INSTANCE of the Berth that deploys the project, when set: its services and network are labelled with it.
   * It never selects them (projectFilter): objects created before it was set carry no such label and stay the project's.
   */
  instance?: string;
}

/** `<tenant>_<project>`: the prefix of every Swarm object of a project, as `docker stack` names a stack's. */
export const namespaceOf = (ref: ProjectRef) => `${ref.tenant}_${ref.project}`;

export function projectLabels(ref: ProjectRef): Record<string, string> {
  return {
    [LABEL.managed]: "true",
    [LABEL.tenant]: ref.tenant,
    [LABEL.project]: ref.project,
    [LABEL.stackNamespace]: namespaceOf(ref),
  };
}

/** The project a Berth-managed object's labels name, or null for an object that is not Berth's. */
export function projectRefOf(labels: Record<string, string> = {}): ProjectRef | null {
  const { [LABEL.managed]: managed, [LABEL.tenant]: tenant, [LABEL.project]: project } = labels;
  return managed === "true" && tenant && project ? { tenant, project } : null;
}

/** The label that says which Berth created a service or network; none for a Berth whose instance has no name. */
export function instanceLabels(instance?: string): Record<string, string> {
  return instance ? { [LABEL.instance]: instance } : {};
}

/** An Engine API `filters` value selecting every object that one Berth instance created. */
export function instanceFilter(instance: string): { label: string[] } {
  return { label: [`${LABEL.instance}=${instance}`] };
}

/** An Engine API `filters` value selecting one project's objects. */
export function projectFilter(ref: ProjectRef): { label: string[] } {
  return { label: [`${LABEL.managed}=true`, `${LABEL.tenant}=${ref.tenant}`, `${LABEL.project}=${ref.project}`] };
}
