/**
 * IPv4 and MAC helpers for VM addresses: parsing, `virtualMachineCIDRs` membership, allocation,
 * and lease names.
 *
 * DVP facts (deckhouse/virtualization cf3a9e6c4): every address of a `virtualMachineCIDRs`
 * subnet is usable except the first (network) and the last (broadcast) one (user guide);
 * IP lease names are `ip-` + the address with dots → dashes (`pkg/common/ip/ip.go`); MAC lease
 * names are `mac-` + the lower-case address with `:` → `-`; a MAC must match
 * `^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$` (VMMAC CRD).
 */

/** A parsed IPv4 CIDR. Addresses are unsigned 32-bit integers. */
export interface Cidr {
  /** The text as written (`10.66.10.0/24`). */
  text: string;
  /** The address part as written (may have host bits set). */
  address: number;
  prefix: number;
  /** First address of the subnet (host bits cleared). */
  network: number;
  /** Last address of the subnet. */
  broadcast: number;
}

const OCTET = /^(0|[1-9][0-9]{0,2})$/;

/** Parses dotted-quad IPv4 (no leading zeros, as Go's `netip`); `undefined` if invalid. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!OCTET.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

/** True for a valid dotted-quad IPv4 address. */
export function isIpv4(text: string): boolean {
  return parseIpv4(text) !== undefined;
}

/** Formats an unsigned 32-bit address as dotted quad. */
export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** Parses `a.b.c.d/n`, or explains why it cannot. */
export function parseCidr(text: string): { ok: true; cidr: Cidr } | { ok: false; message: string } {
  const slash = text.indexOf('/');
  if (slash < 0) return { ok: false, message: `invalid CIDR ${JSON.stringify(text)}: no '/'` };
  const address = parseIpv4(text.slice(0, slash));
  if (address === undefined) {
    return { ok: false, message: `invalid CIDR ${JSON.stringify(text)}: bad IPv4 address` };
  }
  const bits = text.slice(slash + 1);
  const prefix = Number(bits);
  if (!/^(0|[1-9][0-9]?)$/.test(bits) || prefix > 32) {
    return { ok: false, message: `invalid CIDR ${JSON.stringify(text)}: bad prefix length` };
  }
  const size = 2 ** (32 - prefix);
  const network = Math.floor(address / size) * size;
  return { ok: true, cidr: { text, address, prefix, network, broadcast: network + size - 1 } };
}

/** True when the address part has no host bits (`10.66.10.0/24`, not `10.66.10.5/24`). */
export function isNetworkAligned(cidr: Cidr): boolean {
  return cidr.address === cidr.network;
}

/** The canonical text of the network a CIDR denotes (`10.66.10.5/24` → `10.66.10.0/24`). */
export function cidrNetworkText(cidr: Cidr): string {
  return `${formatIpv4(cidr.network)}/${cidr.prefix}`;
}

/** True when `ip` lies anywhere in the subnet (including network and broadcast). */
export function cidrContains(cidr: Cidr, ip: number): boolean {
  return ip >= cidr.network && ip <= cidr.broadcast;
}

/** True when two subnets share any address. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.network <= b.broadcast && b.network <= a.broadcast;
}

/** True when `ip` is assignable in the subnet: inside it, and not its network or broadcast address. */
export function isUsableInCidr(cidr: Cidr, ip: number): boolean {
  return ip > cidr.network && ip < cidr.broadcast;
}

/** Parses a list of CIDR strings, silently dropping invalid ones (they are validated elsewhere). */
export function parseCidrs(texts: readonly string[] | undefined): Cidr[] {
  return (texts ?? []).flatMap((t) => {
    const r = parseCidr(t);
    return r.ok ? [r.cidr] : [];
  });
}

/** True when `ip` (text) is a usable address of one of `cidrs` (`virtualMachineCIDRs`). */
export function isIpInVirtualMachineCidrs(
  ip: string,
  cidrs: readonly string[] | undefined,
): boolean {
  const value = parseIpv4(ip);
  return value !== undefined && parseCidrs(cidrs).some((c) => isUsableInCidr(c, value));
}

/**
 * The lowest usable free address across `cidrs` in the given order, skipping `used`
 * (addresses as text). `undefined` when every pool is exhausted.
 */
export function allocateIp(
  cidrs: readonly string[] | undefined,
  used: Iterable<string>,
): string | undefined {
  const taken = new Set<number>();
  for (const u of used) {
    const v = parseIpv4(u);
    if (v !== undefined) taken.add(v);
  }
  for (const cidr of parseCidrs(cidrs)) {
    for (let ip = cidr.network + 1; ip < cidr.broadcast; ip += 1) {
      if (!taken.has(ip)) return formatIpv4(ip);
    }
  }
  return undefined;
}

/** `10.66.10.1` → `ip-10-66-10-1`. */
export function ipLeaseName(ip: string): string {
  return `ip-${ip.replaceAll('.', '-')}`;
}

/** `ip-10-66-10-1` → `10.66.10.1`; `undefined` for other names. */
export function ipFromLeaseName(name: string): string | undefined {
  if (!name.startsWith('ip-')) return undefined;
  const ip = name.slice(3).replaceAll('-', '.');
  return isIpv4(ip) ? ip : undefined;
}

const MAC_RE = /^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$/;

/** True for a MAC the VMMAC CRD accepts (`aa:bb:cc:dd:ee:ff`, `AA-BB-...`). */
export function isValidMac(mac: string): boolean {
  return MAC_RE.test(mac);
}

/** Lower case with `:` separators (`AA-BB-CC-DD-EE-FF` → `aa:bb:cc:dd:ee:ff`). */
export function normalizeMac(mac: string): string {
  return mac.toLowerCase().replaceAll('-', ':');
}

/** `aa:bb:cc:dd:ee:ff` → `mac-aa-bb-cc-dd-ee-ff`. */
export function macLeaseName(mac: string): string {
  return `mac-${normalizeMac(mac).replaceAll(':', '-')}`;
}

/**
 * A stable 3-byte prefix derived from the cluster UID (FNV-1a), marked locally administered and
 * unicast. DVP likewise derives the OUI from the cluster UID; the exact hash is ours.
 */
export function macPrefixFromClusterUid(clusterUid: string): [number, number, number] {
  let h = 0x811c9dc5;
  for (let i = 0; i < clusterUid.length; i += 1) {
    h ^= clusterUid.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const first = ((h >>> 16) & 0xfe) | 0x02;
  return [first, (h >>> 8) & 0xff, h & 0xff];
}

/**
 * A MAC with `prefix` and three random octets that is not in `used` (compared normalised).
 * `random` returns [0, 1) like `Math.random`; pass a seeded one in tests.
 * Returns `undefined` after `attempts` collisions.
 */
export function generateMac(
  prefix: readonly [number, number, number],
  used: Iterable<string>,
  random: () => number = Math.random,
  attempts = 1000,
): string | undefined {
  const taken = new Set<string>();
  for (const u of used) taken.add(normalizeMac(u));
  const hex = (n: number) => n.toString(16).padStart(2, '0');
  for (let i = 0; i < attempts; i += 1) {
    const tail = [0, 1, 2].map(() => Math.floor(random() * 256) % 256);
    const mac = [...prefix, ...tail].map(hex).join(':');
    if (!taken.has(mac)) return mac;
  }
  return undefined;
}
