import Docker from "dockerode";

export type DockerClient = Docker;

/**
 * A dockerode client for a DOCKER_HOST address: unix:///path or tcp://host:port. Requests time out after 30 s of
 * silence; `{ streaming: true }` gives a client without that timeout, for long-lived streams such as /events.
 */
export function createDocker(dockerHost: string, options: { streaming?: boolean } = {}): DockerClient {
  const url = new URL(dockerHost);
  const timeout = options.streaming ? undefined : 30_000;
  if (url.protocol === "unix:") return new Docker({ socketPath: url.pathname, timeout });
  return new Docker({
    host: url.hostname,
    port: Number(url.port || 2375),
    protocol: url.protocol === "https:" ? "https" : "http",
    timeout,
  });
}

export class DockerUnavailableError extends Error {
  override name = "DockerUnavailableError";
}

const CONNECTION_CODES = new Set(["ECONNREFUSED", "ENOENT", "ETIMEDOUT", "EHOSTUNREACH", "ECONNRESET", "EPIPE"]);

/**
 * When `error` says the engine could not be reached at all (as opposed to refusing a request): the address it was
 * looked for at, as DOCKER_HOST spells it (`unix:///path`, `tcp://host:port`); otherwise null.
 */
export function dockerUnreachableAt(error: unknown): string | null {
  const { code, address, port } = (error ?? {}) as { code?: unknown; address?: string; port?: number };
  if (typeof code !== "string" || !CONNECTION_CODES.has(code)) return null;
  if (!address) return "";
  return port ? `tcp://${address}:${port}` : `unix://${address}`;
}

/** Answers when the engine is reachable within `timeoutMs`; otherwise throws a DockerUnavailableError naming it. */
export async function pingDocker(docker: DockerClient, dockerHost: string, timeoutMs = 3000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    await Promise.race([docker.ping(), timeout]);
  } catch (error) {
    throw new DockerUnavailableError(`Docker is unreachable at ${dockerHost}: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}
