import { describe, expect, it } from "vitest";
import { clientAddress, trustedProxyList } from "./client-address";

const none = trustedProxyList([]);
const proxies = trustedProxyList([
  { address: "10.0.0.0", prefix: 8, family: "ipv4" },
  { address: "::1", prefix: 128, family: "ipv6" },
]);

describe("clientAddress", () => {
  it("is the socket's peer when no proxy is trusted, whatever the header says", () => {
    expect(clientAddress("::ffff:127.0.0.1", "1.2.3.4", none)).toBe("127.0.0.1");
    expect(clientAddress("203.0.113.9", "1.2.3.4, 10.0.0.1", none)).toBe("203.0.113.9");
    expect(clientAddress(undefined, "1.2.3.4", none)).toBeUndefined();
  });

  it("reads X-Forwarded-For from the right through trusted proxies only", () => {
    expect(clientAddress("10.0.0.2", "203.0.113.9", proxies)).toBe("203.0.113.9");
    // The client claimed 1.2.3.4; the trusted proxy saw 198.51.100.7: the claim stays a claim.
    expect(clientAddress("10.0.0.2", "1.2.3.4, 198.51.100.7", proxies)).toBe("198.51.100.7");
    expect(clientAddress("10.0.0.2", "1.2.3.4, 198.51.100.7, 10.1.1.1", proxies)).toBe("198.51.100.7");
    expect(clientAddress("::1", "::ffff:198.51.100.7", proxies)).toBe("198.51.100.7");
  });

  it("keeps the proxy's address when the header is missing or not an address", () => {
    expect(clientAddress("10.0.0.2", null, proxies)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", "unknown", proxies)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", "", proxies)).toBe("10.0.0.2");
  });

  it("reads IPv4 addresses written as IPv6 as IPv4, and nothing else", () => {
    expect(clientAddress("::ffff:10.0.0.2", "::FFFF:198.51.100.17", proxies)).toBe("198.51.100.17");
    // An IPv6 address that merely contains ::ffff: is left as it is.
    expect(clientAddress("::1", "64:ff9b::ffff:192.0.2.1", proxies)).toBe("64:ff9b::ffff:192.0.2.1");
  });

  it("takes a peer that is no address as it is, trusting it for nothing", () => {
    expect(clientAddress("unix-socket", "203.0.113.9", proxies)).toBe("unix-socket");
  });

  it("does not trust a peer just outside the range", () => {
    expect(clientAddress("11.0.0.1", "203.0.113.9", proxies)).toBe("11.0.0.1");
  });
});
