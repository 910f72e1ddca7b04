import path from "node:path";
import type { NextConfig } from "next";

const config: NextConfig = {
  // Workspace packages export TypeScript source.
  transpilePackages: ["@berth/config", "@berth/core", "@berth/db", "@berth/docker", "@berth/policy"],
  // Server-only dependencies with native or dynamic requires stay out of the bundle.
  serverExternalPackages: ["dockerode", "pg", "@prisma/adapter-pg", "pino"],
  poweredByHeader: false,
  // .next/standalone: the server with only the files it needs, for Berth's image (Dockerfile).
  output: "standalone",
  outputFileTracingRoot: path.join(import.meta.dirname, "../.."),
};

export default config;
