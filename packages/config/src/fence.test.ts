import { describe, expect, it } from "vitest";
import { loadConfig } from "./index";

const valid = {
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/berth",
  BERTH_SECRET_KEY: Buffer.alloc(32, 7).toString("base64"),
};

describe("the tenant fence's variables", () => {
  it("publish tenants' ports from 30000-32767 and place them anywhere by default", () => {
    const config = loadConfig(valid);
    expect(config.BERTH_PUBLISHED_PORTS).toEqual([{ from: 30000, to: 32767 }]);
    expect(config.BERTH_TENANT_PLACEMENT).toEqual([]);
  });

  it("read port ranges and single ports, and refuse anything else naming BERTH_PUBLISHED_PORTS", () => {
    expect(loadConfig({ ...valid, BERTH_PUBLISHED_PORTS: "30000-30100, 31000" }).BERTH_PUBLISHED_PORTS).toEqual([
      { from: 30000, to: 30100 },
      { from: 31000, to: 31000 },
    ]);
    for (const bad of ["0-10", "30100-30000", "65536", "30000-", "80,", "http"]) {
      expect(() => loadConfig({ ...valid, BERTH_PUBLISHED_PORTS: bad }), bad).toThrow(
        "Environment variable BERTH_PUBLISHED_PORTS must be ports or ranges from 1 to 65535, e.g. 30000-30100,31000.",
      );
    }
  });

  it("read placement constraints separated by ; or , and refuse forms Berth cannot evaluate", () => {
    const placement = "node.role==worker; node.labels.tenants != no,engine.labels.ssd==1";
    expect(loadConfig({ ...valid, BERTH_TENANT_PLACEMENT: placement }).BERTH_TENANT_PLACEMENT).toEqual([
      { key: "node.role", operator: "==", value: "worker" },
      { key: "node.labels.tenants", operator: "!=", value: "no" },
      { key: "engine.labels.ssd", operator: "==", value: "1" },
    ]);
    for (const bad of ["node.role=worker", "node.ip==10.0.0.1", "role==worker", "node.role==", "node.role~=x"]) {
      expect(() => loadConfig({ ...valid, BERTH_TENANT_PLACEMENT: bad }), bad).toThrow(
        /^Environment variable BERTH_TENANT_PLACEMENT must be constraints like node\.role==worker/,
      );
    }
  });
});
