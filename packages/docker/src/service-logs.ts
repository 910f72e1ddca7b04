import type { IncomingMessage } from "node:http";
import { addAbortSignal } from "node:stream";
import type { DockerClient } from "./client";
import { LABEL, type ProjectRef, projectFilter } from "./labels";
import { createLogDecoder, type LogLine } from "./log-decoder";

export interface LogOptions {
  /** Keep the stream open and send lines as they are printed. */
  follow: boolean;
  since?: Date;
  /** How many of the last lines to start with. */
  tail: number;
  timestamps: boolean;
  stdout: boolean;
  stderr: boolean;
}

/**
 * The log of a Berth service's Swarm service (the one labelled with its tenant, project and name; two Engine API
 * calls), as batches of lines while they arrive: nothing is held but the line being completed. Null when Swarm has no
 * such service. Aborting `signal` closes the stream to Docker, and the iteration ends with an AbortError.
 */
export async function serviceLogs(
  docker: DockerClient,
  service: ProjectRef & { name: string },
  options: LogOptions,
  signal: AbortSignal,
): Promise<AsyncGenerator<LogLine[]> | null> {
  const filters = { label: [...projectFilter(service).label, `${LABEL.service}=${service.name}`] };
  const [found] = await docker.listServices({ filters });
  if (!found) return null;
  const stream = await openLogStream(docker, found.ID, options, signal);
  if (!stream) return null;
  const template = found.Spec?.TaskTemplate as { ContainerSpec?: { TTY?: boolean } } | undefined;
  const tty = template?.ContainerSpec?.TTY === true;
  return decode(stream, createLogDecoder({ framed: !tty, timestamps: options.timestamps }));
}

/** GET /services/{id}/logs as a stream, also without `follow` (dockerode would read that answer whole); null on 404. */
async function openLogStream(docker: DockerClient, swarmId: string, options: LogOptions, signal: AbortSignal) {
  const query = {
    follow: options.follow,
    tail: options.tail,
    timestamps: options.timestamps,
    stdout: options.stdout,
    stderr: options.stderr,
    // A UNIX time, with a fraction for milliseconds.
    ...(options.since ? { since: (options.since.getTime() / 1000).toFixed(3) } : {}),
  };
  let stream: IncomingMessage;
  try {
    stream = await new Promise<IncomingMessage>((resolve, reject) => {
      docker.modem.dial(
        {
          path: `/services/${swarmId}/logs?`,
          method: "GET",
          isStream: true,
          abortSignal: signal,
          statusCodes: { 200: true, 404: "no such service", 500: "server error", 503: "node is not part of a swarm" },
          options: query,
        },
        (error, answer) => (error ? reject(error) : resolve(answer as IncomingMessage)),
      );
    });
  } catch (error) {
    // Removed since it was listed.
    if ((error as { statusCode?: number }).statusCode === 404) return null;
    throw error;
  }
  // The client's 30 s idle timeout guards the request until Docker answers; a log followed may stay quiet for longer.
  stream.socket?.setTimeout(0);
  return addAbortSignal(signal, stream);
}

async function* decode(stream: IncomingMessage, decoder: ReturnType<typeof createLogDecoder>) {
  try {
    for await (const chunk of stream) {
      const lines = decoder.push(chunk as Buffer);
      if (lines.length) yield lines;
    }
    const rest = decoder.end();
    if (rest.length) yield rest;
  } finally {
    // Also when the reader stops early.
    stream.destroy();
  }
}
