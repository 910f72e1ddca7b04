export type LogStream = "stdout" | "stderr";

/** One line a service's tasks printed: `time` is Docker's (RFC 3339, nanoseconds) when timestamps were asked for. */
export interface LogLine {
  stream: LogStream;
  time: string | null;
  text: string;
}

/** A line longer than this is cut into lines this long, so that output without newlines is never held whole. */
export const LINE_MAX = 64 * 1024;
const HEADER = 8;
const NEWLINE = 0x0a;
const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\S+) /;

interface OpenLine {
  parts: Buffer[];
  size: number;
  time: string | null;
}

/**
 * Turns the bytes of Docker's log stream, as they arrive, into lines. `framed`: the stream is multiplexed (a service
 * without a TTY), each frame an 8-byte header (stream, 3 zero bytes, payload length big-endian) and one log message;
 * a frame may arrive split across chunks, and a line longer than Docker's 16 KiB messages comes in several frames,
 * each with the line's timestamp in front. Without `framed` (a TTY) the bytes are all stdout and each line starts with
 * its timestamp. Bytes are joined before they are decoded, so a character split between frames stays whole.
 */
export function createLogDecoder(options: { framed: boolean; timestamps: boolean }) {
  let pending: Buffer = Buffer.alloc(0);
  const open: Record<LogStream, OpenLine | null> = { stdout: null, stderr: null };

  function finish(stream: LogStream, out: LogLine[]) {
    const line = open[stream];
    if (!line) return;
    open[stream] = null;
    let text = Buffer.concat(line.parts, line.size).toString("utf8");
    if (text.endsWith("\r")) text = text.slice(0, -1);
    let time = line.time;
    const stamped = !options.framed && options.timestamps ? TIMESTAMP.exec(text) : null;
    if (stamped?.[1]) {
      time = stamped[1];
      text = text.slice(stamped[0].length);
    }
    out.push({ stream, time, text });
  }

  /** Adds bytes of `stream`; `time` is that of the message they belong to, kept by a line they start. */
  function append(stream: LogStream, bytes: Buffer, time: string | null, out: LogLine[]) {
    let start = 0;
    while (start < bytes.length) {
      open[stream] ??= { parts: [], size: 0, time };
      const line = open[stream];
      const newline = bytes.indexOf(NEWLINE, start);
      const end = Math.min(newline === -1 ? bytes.length : newline, start + LINE_MAX - line.size);
      line.parts.push(bytes.subarray(start, end));
      line.size += end - start;
      start = end === newline ? end + 1 : end;
      if (end === newline || line.size === LINE_MAX) finish(stream, out);
    }
  }

  function frame(type: number, payload: Buffer, out: LogLine[]) {
    const stream = type === 2 ? "stderr" : "stdout";
    if (!options.timestamps) return append(stream, payload, null, out);
    const space = payload.indexOf(0x20);
    append(stream, payload.subarray(space + 1), payload.subarray(0, Math.max(space, 0)).toString(), out);
  }

  return {
    /** The lines that `chunk` completes. */
    push(chunk: Buffer): LogLine[] {
      const out: LogLine[] = [];
      if (!options.framed) {
        append("stdout", chunk, null, out);
        return out;
      }
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= HEADER) {
        const end = HEADER + pending.readUInt32BE(4);
        if (pending.length < end) break;
        frame(pending[0] ?? 1, pending.subarray(HEADER, end), out);
        pending = pending.subarray(end);
      }
      return out;
    },
    /** At the end of the stream: the lines left without a newline. */
    end(): LogLine[] {
      const out: LogLine[] = [];
      finish("stdout", out);
      finish("stderr", out);
      return out;
    },
  };
}
