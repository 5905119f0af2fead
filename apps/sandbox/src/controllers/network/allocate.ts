import { formatIpv4, parseCidrs, parseIpv4 } from '@dvp/api';

/**
 * A random assignable address of `cidrs` (`virtualMachineCIDRs`) that is not in `used`, as DVP's
 * IPAM picks one: never a subnet's network or broadcast address. Random picks first (cheap on
 * large pools), then a scan from a random start, so a nearly full pool still finds its last
 * free address. `undefined` when every pool is exhausted. `random` is `Math.random`-like.
 */
export function allocateRandomIp(
  cidrs: readonly string[] | undefined,
  used: Iterable<string>,
  random: () => number = Math.random,
): string | undefined {
  const taken = new Set<number>();
  for (const u of used) {
    const v = parseIpv4(u);
    if (v !== undefined) taken.add(v);
  }
  // Usable ranges: [network + 1, broadcast - 1]; /31 and /32 have none.
  const ranges = parseCidrs(cidrs)
    .map((c) => ({ first: c.network + 1, size: c.broadcast - c.network - 1 }))
    .filter((r) => r.size > 0);
  const total = ranges.reduce((n, r) => n + r.size, 0);
  if (total === 0) return undefined;
  const at = (index: number): number => {
    let i = index;
    for (const r of ranges) {
      if (i < r.size) return r.first + i;
      i -= r.size;
    }
    throw new Error('index out of range');
  };
  for (let attempt = 0; attempt < 32; attempt += 1) {
    const ip = at(Math.floor(random() * total) % total);
    if (!taken.has(ip)) return formatIpv4(ip);
  }
  const start = Math.floor(random() * total) % total;
  for (let k = 0; k < total; k += 1) {
    const ip = at((start + k) % total);
    if (!taken.has(ip)) return formatIpv4(ip);
  }
  return undefined;
}
