export { createDocker, type DockerClient, DockerUnavailableError, dockerUnreachableAt, pingDocker } from "./client";
export { imageReferenceProblem } from "./image-reference";
export { LABEL, namespaceOf, type ProjectRef, projectFilter, projectLabels } from "./labels";
export type { LogLine, LogStream } from "./log-decoder";
export { constraintText, countEligibleNodes, type PlacementConstraint } from "./placement";
export { ensureNetwork, type ReconcileResult, reconcileProjectServices, removeProject } from "./reconcile-project";
export { type LogOptions, serviceLogs } from "./service-logs";
export type { ServiceStatus, TaskStatus } from "./service-status";
export {
  buildNetworkSpec,
  buildServiceSpec,
  networkNameOf,
  type PortInput,
  projectNameRoom,
  type ServiceInput,
  SWARM_NAME_MAX,
  serviceNameOf,
  serviceNameRoom,
} from "./specs";
export { createSwarmSnapshot, type SnapshotListener, type SnapshotTimings, type SwarmSnapshot } from "./swarm-snapshot";
export {
  type EngineEvent,
  type EventStreamState,
  type SwarmSignal,
  swarmSignalOf,
  watchSwarmEvents,
} from "./watch-swarm-events";
