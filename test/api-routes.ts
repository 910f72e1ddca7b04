import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const API_DIR = path.resolve(import.meta.dirname, "../apps/web/app/api/v1");

export interface ApiRoute {
  /** `/projects/[id]/services`, as the folder names it. */
  path: string;
  file: string;
  methods: string[];
  /** The source of each exported handler, from `export const METHOD =` to the next export. */
  handlers: Record<string, string>;
}

/** Every route under /api/v1, read from apps/web/app/api/v1/**\/route.ts. */
export function apiRoutes(): ApiRoute[] {
  return (readdirSync(API_DIR, { recursive: true }) as string[])
    .filter((f) => path.basename(f) === "route.ts")
    .map((f) => {
      const source = readFileSync(path.join(API_DIR, f), "utf8");
      const handlers: Record<string, string> = {};
      for (const match of source.matchAll(
        /export (?:async )?(?:const|function) (GET|POST|PUT|PATCH|DELETE)\b([\s\S]*?)(?=\nexport |$)/g,
      )) {
        handlers[match[1] as string] = `export const ${match[1]}${match[2]}`;
      }
      return {
        path: `/${path.dirname(f)}`.replace(/\/\.$/, ""),
        file: path.join("apps/web/app/api/v1", f),
        methods: Object.keys(handlers),
        handlers,
      };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}
