export { createDocker, type DockerClient, DockerUnavailableError, isConnectionError, pingDocker } from "./client";
export { LABEL, namespaceOf, type ProjectRef, projectFilter, projectLabels } from "./labels";
export { listProjectStatus, type ServiceStatus, type TaskStatus } from "./list-project-status";
export { ensureNetwork, type ReconcileResult, reconcileProjectServices, removeProject } from "./reconcile-project";
export {
  buildNetworkSpec,
  buildServiceSpec,
  networkNameOf,
  type PortInput,
  type ServiceInput,
  serviceNameOf,
} from "./specs";
export { type EngineEvent, type SwarmSignal, swarmSignalOf, watchSwarmEvents } from "./watch-swarm-events";
