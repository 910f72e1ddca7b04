import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

/**
 * How Berth's web process starts: Next's standalone server (what the image runs), with its port and address in the
 * environment. For the tests, the bench and the quickstart alike.
 */
export const WEB_SERVER = "apps/web/.next/standalone/apps/web/server.js";

export const webServer = (port: number) => ({
  argv: ["node", WEB_SERVER],
  // Berth stops the server itself on SIGTERM, gracefully (apps/web/lib/shutdown.ts), instead of Next.js.
  env: { PORT: String(port), HOSTNAME: "127.0.0.1", NEXT_MANUAL_SIG_HANDLE: "true" },
});

/** A port that nothing listens on: the system picks a free one, which is closed again. */
export async function closedPort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts the production web server on `port` with `env`, and waits until it answers /healthz (60 s at most). Its log
 * goes to `onLog` when given.
 */
export async function startWebServer(
  port: number,
  env: Record<string, string>,
  onLog?: (text: string) => void,
): Promise<ChildProcess> {
  const { argv, env: serverEnv } = webServer(port);
  const child = spawn(argv[0] ?? "", argv.slice(1), {
    cwd: path.resolve(import.meta.dirname, ".."),
    env: { ...process.env, ...serverEnv, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", onLog ? "pipe" : "ignore", "ignore"],
  });
  child.stdout?.on("data", (chunk: Buffer) => onLog?.(chunk.toString()));
  for (let i = 0; i < 120; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return child;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill("SIGKILL");
  throw new Error(`web did not start on port ${port}`);
}
