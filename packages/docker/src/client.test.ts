import { describe, expect, inject, it } from "vitest";
import { createDocker, dockerUnreachableAt } from "./client";

describe("dockerUnreachableAt", () => {
  it("names the socket of an engine that is not there", async () => {
    const error = await createDocker("unix:///run/berth-no-such.sock")
      .listServices()
      .catch((e: unknown) => e);
    expect(dockerUnreachableAt(error)).toBe("unix:///run/berth-no-such.sock");
  });

  it("is null for an engine that answers with a refusal", async () => {
    const error = await createDocker(inject("dockerHost"))
      .getService("berth-no-such-service")
      .inspect()
      .catch((e: unknown) => e);
    expect((error as { statusCode?: number }).statusCode).toBe(404);
    expect(dockerUnreachableAt(error)).toBeNull();
  });
});
