import type { QmpMonitor } from '../qmp/monitor.ts';
import type { GuestNicSpec } from './spec.ts';

/** Transport of a host forward. */
export type ForwardProtocol = 'tcp' | 'udp';

/** One `hostfwd` rule as `info usernet` lists it. */
export interface UsernetForward {
  /** The `-netdev user` id (`net0`, ...). */
  netdev: string;
  protocol: ForwardProtocol;
  hostAddress: string;
  hostPort: number;
  guestAddress: string;
  guestPort: number;
}

/** A forward added at run time by {@link addHostForward}: 127.0.0.1:hostPort → guest:guestPort. */
export interface HostForward {
  netdev: string;
  protocol: ForwardProtocol;
  hostPort: number;
  guestPort: number;
}

/** QEMU refused to add or remove a host forward; the message is QEMU's, with context. */
export class HostForwardError extends Error {
  override readonly name = 'HostForwardError';
}

/** What the host-forward functions need of a guest: its monitor and NICs (a `Guest` fits). */
export interface ForwardTarget {
  readonly monitor: Pick<QmpMonitor, 'execute'>;
  readonly spec: { nics?: GuestNicSpec[] };
}

const HUB = /^Hub\s+-?\d+\s+\((\S+)\):/;
const RULE = /^\s*(TCP|UDP)\[HOST_FORWARD\]\s+\d+\s+(\S+)\s+(\d+)\s+(\S+)\s+(\d+)/;

/** Parses the HOST_FORWARD rules out of HMP `info usernet` (grouped under `Hub -1 (net0):`). */
export function parseUsernetForwards(text: string): UsernetForward[] {
  const out: UsernetForward[] = [];
  let netdev = '';
  for (const line of text.split(/\r?\n/)) {
    const hub = HUB.exec(line);
    if (hub) {
      netdev = hub[1] ?? '';
      continue;
    }
    const m = RULE.exec(line);
    if (!m) continue;
    out.push({
      netdev,
      protocol: m[1] === 'UDP' ? 'udp' : 'tcp',
      hostAddress: m[2] ?? '',
      hostPort: Number(m[3]),
      guestAddress: m[4] ?? '',
      guestPort: Number(m[5]),
    });
  }
  return out;
}

/** The netdev id of a NIC: `net<i>` for the i-th NIC of the spec, as `qemu-args.ts` names them. */
export function netdevOf(nics: GuestNicSpec[] | undefined, nicId = 'main'): string {
  const list = nics ?? [];
  const i = list.findIndex((n) => n.id === nicId);
  if (i < 0) {
    throw new HostForwardError(
      list.length === 0
        ? 'the guest has no network interface to forward ports to'
        : `the guest has no network interface "${nicId}" (it has ${list.map((n) => n.id).join(', ')})`,
    );
  }
  return `net${i}`;
}

function assertPort(port: number): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new RangeError(`guest port ${port} is not an integer between 1 and 65535`);
}

async function hmp(target: ForwardTarget, line: string): Promise<string> {
  return target.monitor.execute('human-monitor-command', { 'command-line': line });
}

// hostfwd_add with host port 0 lets the kernel choose; the new port is found by diffing
// `info usernet`, so additions on one monitor must not interleave.
const queues = new WeakMap<object, Promise<unknown>>();

function serialized<T>(key: object, fn: () => Promise<T>): Promise<T> {
  const run = (queues.get(key) ?? Promise.resolve()).then(fn, fn);
  queues.set(
    key,
    run.catch(() => undefined),
  );
  return run;
}

/** The HOST_FORWARD rules of a running guest (HMP `info usernet`). */
export async function listHostForwards(target: ForwardTarget): Promise<UsernetForward[]> {
  return parseUsernetForwards(await hmp(target, 'info usernet'));
}

/**
 * Adds a forward from a free port on 127.0.0.1 to `guestPort` of the guest (its DHCP address)
 * on the NIC `nic` (default `main`) of a running guest, through HMP `hostfwd_add`, and returns
 * the chosen host port. The forward lives until {@link removeHostForward} or QEMU's exit.
 */
export function addHostForward(
  target: ForwardTarget,
  opts: { guestPort: number; protocol?: ForwardProtocol; nic?: string },
): Promise<HostForward> {
  assertPort(opts.guestPort);
  const netdev = netdevOf(target.spec.nics, opts.nic);
  const protocol = opts.protocol ?? 'tcp';
  const same = (f: UsernetForward) =>
    f.netdev === netdev && f.protocol === protocol && f.guestPort === opts.guestPort;
  return serialized(target.monitor, async () => {
    const before = new Set((await listHostForwards(target)).filter(same).map((f) => f.hostPort));
    const rule = `${protocol}:127.0.0.1:0-:${opts.guestPort}`;
    const answer = (await hmp(target, `hostfwd_add ${netdev} ${rule}`)).trim();
    if (answer) throw new HostForwardError(`QEMU refused host forward ${rule}: ${answer}`);
    const added = (await listHostForwards(target))
      .filter(same)
      .filter((f) => !before.has(f.hostPort));
    const [fwd] = added;
    if (!fwd || added.length !== 1) {
      throw new HostForwardError(
        `QEMU accepted host forward ${rule} but info usernet shows ${added.length} new rules for it`,
      );
    }
    return { netdev, protocol, hostPort: fwd.hostPort, guestPort: opts.guestPort };
  });
}

/** Removes a forward added by {@link addHostForward} (HMP `hostfwd_remove`). */
export async function removeHostForward(target: ForwardTarget, fwd: HostForward): Promise<void> {
  const rule = `${fwd.protocol}:127.0.0.1:${fwd.hostPort}`;
  const answer = (await hmp(target, `hostfwd_remove ${fwd.netdev} ${rule}`)).trim();
  if (!/removed/.test(answer))
    throw new HostForwardError(`QEMU did not remove host forward ${rule}: ${answer}`);
}
