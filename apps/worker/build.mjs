// Bundles the worker, Berth's own packages (which export TypeScript source) and their pure-JavaScript dependencies
// into dist/, for plain `node`. The packages below stay external: native code, WebAssembly or dynamic requires. The
// web's standalone output ships every one of them, so the image (Dockerfile) needs no node_modules of its own.
import { build } from "esbuild";

const EXTERNAL = ["pg", "@prisma/adapter-pg", "@prisma/client", "dockerode", "pino", "@node-rs/argon2"];

await build({
  entryPoints: ["src/main.ts", "src/bootstrap.ts"],
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  external: EXTERNAL.flatMap((name) => [name, `${name}/*`]),
  // Bundled CommonJS dependencies may require Node's built-ins.
  banner: { js: 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);' },
});
