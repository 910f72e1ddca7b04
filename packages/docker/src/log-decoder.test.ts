import { describe, expect, it } from "vitest";
import { createLogDecoder, LINE_MAX, type LogLine } from "./log-decoder";

const T1 = "2026-11-27T23:07:34.747229166Z";
const T2 = "2026-11-27T23:07:35.753572255Z";

/** A frame of Docker's multiplexed stream: 1 stdout, 2 stderr. */
function frame(type: 1 | 2, payload: string | Buffer): Buffer {
  const body = Buffer.from(payload);
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

function decode(options: { framed: boolean; timestamps: boolean }, chunks: Buffer[]): LogLine[] {
  const decoder = createLogDecoder(options);
  return [...chunks.flatMap((c) => decoder.push(c)), ...decoder.end()];
}

// As Docker sends them with timestamps: a line each, a line longer than a message in two frames (each with the
// line's timestamp), a two-byte character cut between those frames, an empty line, and a last line with no newline.
const eAcute = Buffer.from("é");
const stamped = Buffer.concat([
  frame(1, `${T1} out one\n`),
  frame(2, `${T1} err one\n`),
  frame(1, Buffer.concat([Buffer.from(`${T2} long `), eAcute.subarray(0, 1)])),
  frame(2, `${T2} \n`),
  frame(1, Buffer.concat([Buffer.from(`${T2} `), eAcute.subarray(1), Buffer.from(" line\n")])),
  frame(2, `${T2} last`),
]);
const stampedLines: LogLine[] = [
  { stream: "stdout", time: T1, text: "out one" },
  { stream: "stderr", time: T1, text: "err one" },
  { stream: "stderr", time: T2, text: "" },
  { stream: "stdout", time: T2, text: "long é line" },
  { stream: "stderr", time: T2, text: "last" },
];

describe("createLogDecoder", () => {
  it("decodes the same lines wherever the stream is cut into two chunks, at every byte", () => {
    for (let at = 0; at <= stamped.length; at++) {
      const lines = decode({ framed: true, timestamps: true }, [stamped.subarray(0, at), stamped.subarray(at)]);
      expect(lines, `cut at byte ${at}`).toEqual(stampedLines);
    }
  });

  it("decodes the same lines from one byte at a time", () => {
    const bytes = [...stamped].map((b) => Buffer.from([b]));
    expect(decode({ framed: true, timestamps: true }, bytes)).toEqual(stampedLines);
  });

  it("answers a line as soon as its frame is complete, not at the end", () => {
    const decoder = createLogDecoder({ framed: true, timestamps: false });
    const first = frame(1, "ready\n");
    expect(decoder.push(first.subarray(0, first.length - 1))).toEqual([]);
    expect(decoder.push(first.subarray(first.length - 1))).toEqual([{ stream: "stdout", time: null, text: "ready" }]);
  });

  it("keeps the text whole without timestamps, spaces and all", () => {
    const lines = decode({ framed: true, timestamps: false }, [frame(2, "a b  c\r\n"), frame(1, "x\ny\n")]);
    expect(lines).toEqual([
      { stream: "stderr", time: null, text: "a b  c" },
      { stream: "stdout", time: null, text: "x" },
      { stream: "stdout", time: null, text: "y" },
    ]);
  });

  it("cuts a line longer than LINE_MAX into lines of LINE_MAX bytes", () => {
    const long = "x".repeat(LINE_MAX * 2 + 5);
    const lines = decode({ framed: true, timestamps: false }, [frame(1, `${long}\n`)]);
    expect(lines.map((l) => l.text.length)).toEqual([LINE_MAX, LINE_MAX, 5]);
  });

  it("reads a TTY's stream as stdout, each line's timestamp in front, wherever it is cut", () => {
    const raw = Buffer.from(`${T1} one\r\n${T2} two\r\n`);
    for (let at = 0; at <= raw.length; at++) {
      const lines = decode({ framed: false, timestamps: true }, [raw.subarray(0, at), raw.subarray(at)]);
      expect(lines, `cut at byte ${at}`).toEqual([
        { stream: "stdout", time: T1, text: "one" },
        { stream: "stdout", time: T2, text: "two" },
      ]);
    }
  });
});
