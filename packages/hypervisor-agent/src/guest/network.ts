import type { GuestNicSpec } from './spec.ts';

/** slirp options that make the guest's DHCP lease the leased IP. */
export interface SlirpNetwork {
  /** `net=`, `host=`, `dns=`, `dhcpstart=` options for `-netdev user`. */
  options: string[];
  /** Gateway address the guest will see (slirp's host side). */
  gateway?: string;
}

function toInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function toIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/**
 * QEMU's user-mode DHCP server hands out addresses from `dhcpstart` upwards, so starting the pool
 * at the leased address gives it to the (only) guest. The gateway and DNS addresses default to .2
 * and .3 of the network; they are moved out of the way when the lease collides with them.
 */
export function slirpNetwork(nic: GuestNicSpec): SlirpNetwork {
  if (nic.ip === undefined) return { options: [] };
  const len = nic.prefixLength ?? 24;
  const ip = toInt(nic.ip);
  const size = 2 ** (32 - len);
  const net = ip - (ip % size);
  const broadcast = net + size - 1;
  if (ip === net || ip === broadcast) {
    throw new RangeError(`${nic.ip} is the network or broadcast address of its /${len}`);
  }
  const free = [net + 1, net + 2, net + 3, net + 4].filter((a) => a !== ip);
  const [gateway = net + 1, dns = net + 2] = free;
  return {
    options: [
      `net=${toIp(net)}/${len}`,
      `host=${toIp(gateway)}`,
      `dns=${toIp(dns)}`,
      `dhcpstart=${nic.ip}`,
    ],
    gateway: toIp(gateway),
  };
}
