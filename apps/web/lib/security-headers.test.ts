import { describe, expect, it } from "vitest";
import { apiSecurityHeaders, securityHeaders, sessionCookieName } from "./security-headers";

describe("security headers", () => {
  it("over https: HSTS, insecure requests upgraded, and the __Host- session cookie", () => {
    const headers = securityHeaders("https://berth.example.com", "n0nce");
    expect(headers["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
    expect(headers["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
    expect(sessionCookieName("https://berth.example.com")).toBe("__Host-berth_session");
  });

  it("over http: no HSTS, no upgrade, and the plain cookie name", () => {
    const headers = securityHeaders("http://127.0.0.1:3000", "n0nce");
    expect(headers).not.toHaveProperty("Strict-Transport-Security");
    expect(headers["Content-Security-Policy"]).not.toContain("upgrade-insecure-requests");
    expect(sessionCookieName("http://127.0.0.1:3000")).toBe("berth_session");
  });

  it("allows scripts only with the nonce, never eval or inline, and no framing", () => {
    const headers = securityHeaders("http://127.0.0.1:3000", "n0nce");
    const policy = headers["Content-Security-Policy"];
    expect(policy).toContain("script-src 'self' 'nonce-n0nce' 'strict-dynamic'");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-(eval|inline)'/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(headers).toMatchObject({ "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin" });
  });

  it("lets an API answer load and frame nothing, with the same other headers", () => {
    expect(apiSecurityHeaders("https://berth.example.com")).toEqual({
      "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "same-origin",
      "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    });
    expect(apiSecurityHeaders("http://127.0.0.1:3000")).not.toHaveProperty("Strict-Transport-Security");
  });
});
