import Docker from "dockerode";

export type DockerClient = Docker;

/** A dockerode client for a DOCKER_HOST address: unix:///path or tcp://host:port. */
export function createDocker(dockerHost: string): DockerClient {
  const url = new URL(dockerHost);
  if (url.protocol === "unix:") return new Docker({ socketPath: url.pathname, timeout: 30_000 });
  return new Docker({
    host: url.hostname,
    port: Number(url.port || 2375),
    protocol: url.protocol === "https:" ? "https" : "http",
    timeout: 30_000,
  });
}

export class DockerUnavailableError extends Error {
  override name = "DockerUnavailableError";
}

const CONNECTION_CODES = new Set(["ECONNREFUSED", "ENOENT", "ETIMEDOUT", "EHOSTUNREACH", "ECONNRESET", "EPIPE"]);

/** True when the error says the engine could not be reached at all (as opposed to refusing a request). */
export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return typeof code === "string" && CONNECTION_CODES.has(code);
}

/** Answers when the engine is reachable; otherwise throws a DockerUnavailableError naming the address. */
export async function pingDocker(docker: DockerClient, dockerHost: string): Promise<void> {
  try {
    await docker.ping();
  } catch (error) {
    throw new DockerUnavailableError(`Docker is unreachable at ${dockerHost}: ${(error as Error).message}`);
  }
}
