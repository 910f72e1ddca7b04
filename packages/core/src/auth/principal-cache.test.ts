import type { Principal } from "@berth/policy";
import { describe, expect, it } from "vitest";
import { createPrincipalCache, type ResolvedPrincipal } from "./principal-cache";

const alice: Principal = { kind: "user", userId: "alice", email: "a@x.test", platformRole: null, memberships: [] };
const resolved = (extra: Partial<ResolvedPrincipal> = {}): ResolvedPrincipal => ({
  principal: alice,
  userId: "alice",
  until: Date.now() + 60_000,
  ...extra,
});

/** A loader that counts its calls. */
function loader(answer: ResolvedPrincipal | null = resolved()) {
  const load = async () => {
    load.calls++;
    return answer;
  };
  load.calls = 0;
  return load;
}

describe("createPrincipalCache", () => {
  it("keeps nothing while its channel is not heard", async () => {
    const cache = createPrincipalCache();
    const load = loader();
    for (let i = 0; i < 3; i++) expect(await cache.resolve("s1", load)).toBe(alice);
    expect(load.calls).toBe(3);
  });

  it("keeps a principal while heard, and forgets everything when the channel is lost", async () => {
    const cache = createPrincipalCache();
    cache.listening(true);
    const load = loader();
    await cache.resolve("s1", load);
    await cache.resolve("s1", load);
    expect(load.calls).toBe(1);
    cache.listening(false);
    await cache.resolve("s1", load);
    expect(load.calls).toBe(2);
  });

  it("forgets what a notification names: the session, the user's entries, the token", async () => {
    const cache = createPrincipalCache();
    cache.listening(true);
    const session = loader();
    const bobs = loader(resolved({ userId: "bob" }));
    const token = loader(resolved({ userId: "bob", tokenId: "t1" }));
    const ask = () => Promise.all([cache.resolve("s1", session), cache.resolve("s2", bobs), cache.resolve("k", token)]);
    await ask();
    cache.changed("session:s1");
    await ask();
    expect([session.calls, bobs.calls, token.calls]).toEqual([2, 1, 1]);
    cache.changed("token:t1");
    await ask();
    expect([session.calls, bobs.calls, token.calls]).toEqual([2, 1, 2]);
    cache.changed("user:bob");
    await ask();
    expect([session.calls, bobs.calls, token.calls]).toEqual([2, 2, 3]);
    cache.changed("something else");
    await ask();
    expect([session.calls, bobs.calls, token.calls]).toEqual([3, 3, 4]);
    cache.forgetAll();
    await ask();
    expect([session.calls, bobs.calls, token.calls]).toEqual([4, 4, 5]);
  });

  it("keeps no principal past its own end, and none that a change overtook while it was read", async () => {
    const cache = createPrincipalCache();
    cache.listening(true);
    const ending = loader(resolved({ until: Date.now() - 1 }));
    await cache.resolve("s1", ending);
    await cache.resolve("s1", ending);
    expect(ending.calls).toBe(2);

    const slow = loader();
    const during = cache.resolve("s2", async () => {
      cache.changed("user:alice");
      return slow();
    });
    expect(await during).toBe(alice);
    await cache.resolve("s2", slow);
    expect(slow.calls).toBe(2);
    expect(await cache.resolve("none", loader(null))).toBeNull();
  });
});
