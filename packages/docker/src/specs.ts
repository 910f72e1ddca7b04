import { createHash } from "node:crypto";
import type Docker from "dockerode";
import { LABEL, namespaceOf, type ProjectRef, projectLabels } from "./labels";

export interface PortInput {
  /** Container port. */
  target: number;
  /** Host port; when absent, each task gets a free host port. */
  published?: number;
}

export interface ServiceInput extends ProjectRef {
  name: string;
  image: string;
  command: string[];
  replicas: number;
  ports: PortInput[];
  /** Swarm placement constraints, e.g. `node.labels.region == euw`. */
  constraints?: string[];
}

const SECOND = 1_000_000_000;

export const networkNameOf = (ref: ProjectRef) => `${namespaceOf(ref)}_default`;
export const serviceNameOf = (input: ProjectRef & { name: string }) => `${namespaceOf(input)}_${input.name}`;

export function buildNetworkSpec(ref: ProjectRef): Docker.NetworkCreateOptions {
  return {
    Name: networkNameOf(ref),
    Driver: "overlay",
    Attachable: true,
    CheckDuplicate: true,
    Labels: projectLabels(ref),
  };
}

/**
 * The Swarm service spec for one service of a project. Ports are published in host mode (the routing mesh is
 * not assumed). The spec's hash is stored in a label, so the reconciler updates a service only when it changed.
 */
export function buildServiceSpec(input: ServiceInput): Docker.CreateServiceOptions {
  const labels = { ...projectLabels(input), [LABEL.service]: input.name };
  const spec: Docker.CreateServiceOptions = {
    Name: serviceNameOf(input),
    Labels: labels,
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
      ...(input.constraints?.length ? { Placement: { Constraints: input.constraints } } : {}),
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
  spec.Labels = { ...labels, [LABEL.specHash]: hash };
  return spec;
}
