import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Package boundaries are the linter's job (biome.json): dockerode only in packages/docker, pg only in packages/db,
// Next.js only in apps/web. Each probe is a file written for a moment in the folder it probes, then linted.
const ROOT = path.resolve(import.meta.dirname, "..");

function lint(folder: string, source: string) {
  const file = path.join(ROOT, folder, `boundary-probe-${randomBytes(4).toString("hex")}.ts`);
  writeFileSync(file, source);
  try {
    const result = spawnSync("npx", ["--no-install", "biome", "lint", file], { cwd: ROOT, encoding: "utf8" });
    return { refused: result.status !== 0, output: result.stdout + result.stderr };
  } finally {
    rmSync(file);
  }
}

const probes: [string, string, boolean][] = [
  ["packages/core/src", 'import Docker from "dockerode";', true],
  ["apps/web/lib", 'import pg from "pg";', true],
  ["apps/worker/src", 'import pg from "pg";', true],
  ["packages/policy/src", 'import { headers } from "next/headers";', true],
  ["packages/docker/src", 'import { PrismaPg } from "@prisma/adapter-pg";', true],
  ["packages/docker/src", 'import Docker from "dockerode";', false],
  ["packages/db/src", 'import pg from "pg";', false],
  ["apps/web/lib", 'import { headers } from "next/headers";', false],
];

describe("package boundaries", () => {
  for (const [folder, line, refused] of probes) {
    it(`${refused ? "refuses" : "allows"} ${line} in ${folder}`, () => {
      const result = lint(folder, `${line}\nexport const probe = [${/import (\{ )?(\w+)/.exec(line)?.[2]}];\n`);
      expect(result.refused, result.output).toBe(refused);
      if (refused) expect(result.output).toContain("noRestrictedImports");
    });
  }
});
