import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { parse } from "yaml";

// `docker stack config` resolves the file the way `docker stack deploy` reads it (the real CLI, the test engine).
const resolved = parse(
  execFileSync("docker", ["-H", inject("dockerHost"), "stack", "config", "-c", "docker-compose.yml"], {
    cwd: path.resolve(import.meta.dirname, ".."),
    encoding: "utf8",
  }),
);

describe("docker-compose.yml", () => {
  it("is Berth's stack: postgres with a volume, the bootstrap, web and worker", () => {
    expect(Object.keys(resolved.services).sort()).toEqual(["bootstrap", "postgres", "web", "worker"]);
    expect(resolved.services.bootstrap.deploy.restart_policy).toEqual({ condition: "on-failure" });
    expect(resolved.services.postgres.volumes[0]).toMatchObject({
      source: "postgres-data",
      target: "/var/lib/postgresql/data",
    });
  });

  it("mounts the Docker socket only where it is needed, and places everything on managers", () => {
    const socketUsers = Object.entries(resolved.services)
      .filter(([, s]) => JSON.stringify((s as { volumes?: unknown }).volumes ?? []).includes("docker.sock"))
      .map(([name]) => name);
    expect(socketUsers.sort()).toEqual(["web", "worker"]);
    for (const service of Object.values(resolved.services) as { deploy: { placement: { constraints: string[] } } }[]) {
      expect(service.deploy.placement.constraints).toContain("node.role == manager");
    }
  });

  it("has healthchecks and keeps secrets out of the environment", () => {
    expect(resolved.services.postgres.healthcheck.test).toContain("pg_isready");
    expect(JSON.stringify(resolved.services.web.healthcheck.test)).toContain("/healthz");
    expect(resolved.services.web.environment).toMatchObject({ DATABASE_URL_FILE: "/run/secrets/berth_database_url" });
    expect(JSON.stringify(resolved)).not.toMatch(/postgresql:\/\/[^"]*:[^"]*@/);
  });

  it("gives the owner role's URL to the bootstrap alone; web and worker connect as the app role", () => {
    const holders = Object.entries(resolved.services)
      .filter(([, s]) => JSON.stringify(s).includes("berth_database_owner_url"))
      .map(([name]) => name);
    expect(holders).toEqual(["bootstrap"]);
    expect(resolved.services.bootstrap.environment).toMatchObject({
      DATABASE_OWNER_URL_FILE: "/run/secrets/berth_database_owner_url",
      DATABASE_URL_FILE: "/run/secrets/berth_database_url",
    });
    for (const name of ["web", "worker"]) {
      expect(resolved.services[name].environment.DATABASE_URL_FILE).toBe("/run/secrets/berth_database_url");
      expect(resolved.services[name].command.join(" ")).not.toContain("bootstrap");
    }
  });
});
