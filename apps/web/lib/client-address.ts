import { BlockList, isIP } from "node:net";
import type { Cidr } from "@berth/config";

/** The proxies whose X-Forwarded-For is believed. */
export function trustedProxyList(cidrs: Cidr[]): BlockList {
  const list = new BlockList();
  for (const { address, prefix, family } of cidrs) list.addSubnet(address, prefix, family);
  return list;
}

/** "::ffff:10.0.0.1", as Node reports an IPv4 peer on a dual-stack socket, is 10.0.0.1. */
const plain = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");

const isTrusted = (list: BlockList, address: string) => {
  const version = isIP(address);
  return version !== 0 && list.check(address, version === 4 ? "ipv4" : "ipv6");
};

/**
 * The client's address: the socket's peer, unless the peer is a trusted proxy; then X-Forwarded-For is read from
 * the right, hop by hop, for as long as each hop is itself trusted. What an untrusted client writes in the header
 * is never believed.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | null, trusted: BlockList) {
  if (!peer) return undefined;
  let address = plain(peer);
  const hops = forwardedFor?.split(",").map((hop) => plain(hop.trim())) ?? [];
  while (isTrusted(trusted, address)) {
    const hop = hops.pop();
    if (!hop || isIP(hop) === 0) break;
    address = hop;
  }
  return address;
}
