/**
 * How Berth's web process starts: Next's standalone server (what the image runs), with its port and address in the
 * environment. For the tests, the bench and the quickstart alike.
 */
export const WEB_SERVER = "apps/web/.next/standalone/apps/web/server.js";

export const webServer = (port: number) => ({
  argv: ["node", WEB_SERVER],
  env: { PORT: String(port), HOSTNAME: "127.0.0.1" },
});
