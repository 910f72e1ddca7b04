// Bundles the worker and Berth's own packages (which export TypeScript source) into dist/, for plain `node`:
// no TypeScript loader at run time. npm dependencies stay external and load from node_modules.
import { build } from "esbuild";

await build({
  entryPoints: ["src/main.ts", "src/bootstrap.ts"],
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  plugins: [
    {
      name: "external-npm-packages",
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith("@berth/") ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
});
