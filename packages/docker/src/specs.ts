import { createHash } from "node:crypto";
import type Docker from "dockerode";
import { instanceLabels, LABEL, namespaceOf, type ProjectRef, projectLabels } from "./labels";

export interface PortInput {
  /** Container port. */
  target: number;
  /** Host port; when absent, Docker picks a free one for each task (Berth's input always names one). */
  published?: number;
}

export interface ServiceInput extends ProjectRef {
  name: string;
  image: string;
  command: string[];
  replicas: number;
  ports: PortInput[];
  /** The operator's constraints for every tenant service (BERTH_TENANT_PLACEMENT): always applied. */
  fence?: string[];
  /** This service's own Swarm placement constraints, e.g. `node.labels.region == euw`: added to the fence's. */
  constraints?: string[];
}

const SECOND = 1_000_000_000;

export const networkNameOf = (ref: ProjectRef) => `${namespaceOf(ref)}_default`;
export const serviceNameOf = (input: ProjectRef & { name: string }) => `${namespaceOf(input)}_${input.name}`;

/** Swarm refuses longer service and network names ("name must be 63 characters or fewer"). */
export const SWARM_NAME_MAX = 63;

/** The longest project name whose network name fits, in this tenant. */
export const projectNameRoom = (tenant: string) => SWARM_NAME_MAX - networkNameOf({ tenant, project: "" }).length;

/** The longest service name whose Swarm service name fits, in this project. */
export const serviceNameRoom = (ref: ProjectRef) => SWARM_NAME_MAX - serviceNameOf({ ...ref, name: "" }).length;

export function buildNetworkSpec(ref: ProjectRef): Docker.NetworkCreateOptions {
  return {
    Name: networkNameOf(ref),
    Driver: "overlay",
    Attachable: true,
    CheckDuplicate: true,
    Labels: { ...projectLabels(ref), ...instanceLabels(ref.instance) },
  };
}

/**
 * The Swarm service spec for one service of a project. Ports are published in host mode (the routing mesh is
 * not assumed); the fence's constraints come first and nothing in the service's own input removes them. The spec's
 * hash is stored in a label, so the reconciler updates a service only when it changed. The instance label goes on the
 * service alone, not its containers: setting BERTH_INSTANCE later changes the services' labels, not their tasks'.
 */
export function buildServiceSpec(input: ServiceInput): Docker.CreateServiceOptions {
  const labels = { ...projectLabels(input), [LABEL.service]: input.name };
  const constraints = [...new Set([...(input.fence ?? []), ...(input.constraints ?? [])])];
  const spec: Docker.CreateServiceOptions = {
    Name: serviceNameOf(input),
    Labels: { ...labels, ...instanceLabels(input.instance) },
    TaskTemplate: {
      ContainerSpec: {
        Image: input.image,
        ...(input.command.length ? { Args: input.command } : {}),
        Labels: labels,
        Init: true,
        StopGracePeriod: 10 * SECOND,
      },
      Networks: [{ Target: networkNameOf(input), Aliases: [input.name] }],
      RestartPolicy: { Condition: "any", Delay: 5 * SECOND, MaxAttempts: 0 },
      ...(constraints.length ? { Placement: { Constraints: constraints } } : {}),
    },
    Mode: { Replicated: { Replicas: input.replicas } },
    UpdateConfig: { Parallelism: 1, Order: "stop-first", FailureAction: "pause" },
    EndpointSpec: {
      Mode: "vip",
      Ports: input.ports.map((p) => ({
        Protocol: "tcp",
        TargetPort: p.target,
        ...(p.published ? { PublishedPort: p.published } : {}),
        PublishMode: "host",
      })),
    },
  };
  const hash = createHash("sha256").update(JSON.stringify(spec)).digest("hex").slice(0, 16);
  spec.Labels = { ...spec.Labels, [LABEL.specHash]: hash };
  return spec;
}
