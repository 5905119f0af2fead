import { describe, expect, it } from 'vitest';
import { createFakeMonitor } from '../testing/fake-monitor.ts';
import {
  addHostForward,
  HostForwardError,
  netdevOf,
  parseUsernetForwards,
  removeHostForward,
} from './host-forward.ts';

// `info usernet` as QEMU 7.2 prints it (measured), with an established connection mixed in.
const USERNET = [
  'Hub -1 (net0):',
  '  Protocol[State]    FD  Source Address  Port   Dest. Address  Port RecvQ SendQ',
  '  TCP[HOST_FORWARD]  12       127.0.0.1 44781     10.66.10.50  8081     0     0',
  '  TCP[ESTABLISHED]   14       127.0.0.1 50000     10.66.10.50  8081     0     0',
  '  UDP[236 sec]       15       127.0.0.1 41000     10.66.10.50    53     0     0',
  'Hub -1 (net1):',
  '  Protocol[State]    FD  Source Address  Port   Dest. Address  Port RecvQ SendQ',
  '  UDP[HOST_FORWARD]  11       127.0.0.1 36455     10.66.20.50  9000     0     0',
  '',
].join('\r\n');

/** A fake QEMU: HMP hostfwd_add/remove and info usernet over an in-memory rule list. */
function fakeQemu() {
  const rules: { proto: string; host: number; guest: number }[] = [];
  let next = 40000;
  const monitor = createFakeMonitor((command, args) => {
    const line = (args as { 'command-line': string })['command-line'];
    if (command !== 'human-monitor-command') throw new Error(`unexpected ${command}`);
    if (line === 'info usernet') {
      const rows = rules.map(
        (r) =>
          `  ${r.proto.toUpperCase()}[HOST_FORWARD]  11       127.0.0.1 ${r.host}     10.66.10.50  ${r.guest}     0     0`,
      );
      return ['Hub -1 (net0):', '  Protocol[State] ...', ...rows, ''].join('\r\n');
    }
    const add = /^hostfwd_add (\S+) (tcp|udp):127\.0\.0\.1:0-:(\d+)$/.exec(line);
    if (add) {
      if (add[1] !== 'net0') return `unrecognized netdev id '${add[1]}'\r\n`;
      rules.push({ proto: add[2] ?? '', host: next++, guest: Number(add[3]) });
      return '';
    }
    const rm = /^hostfwd_remove net0 (tcp|udp):127\.0\.0\.1:(\d+)$/.exec(line);
    if (rm) {
      const i = rules.findIndex((r) => r.proto === rm[1] && r.host === Number(rm[2]));
      if (i < 0) return `host forwarding rule for ${rm[1]}:127.0.0.1:${rm[2]} not found\r\n`;
      rules.splice(i, 1);
      return `host forwarding rule for ${rm[1]}:127.0.0.1:${rm[2]} removed\r\n`;
    }
    return 'invalid format\r\n';
  });
  void monitor.connect();
  return { monitor, rules, spec: { nics: [{ id: 'main' }] } };
}

describe('parseUsernetForwards', () => {
  it('lists only HOST_FORWARD rules, with their netdev', () => {
    expect(parseUsernetForwards(USERNET)).toEqual([
      {
        netdev: 'net0',
        protocol: 'tcp',
        hostAddress: '127.0.0.1',
        hostPort: 44781,
        guestAddress: '10.66.10.50',
        guestPort: 8081,
      },
      {
        netdev: 'net1',
        protocol: 'udp',
        hostAddress: '127.0.0.1',
        hostPort: 36455,
        guestAddress: '10.66.20.50',
        guestPort: 9000,
      },
    ]);
    expect(parseUsernetForwards('')).toEqual([]);
  });
});

describe('netdevOf', () => {
  it('names the netdev of a NIC by its position, as qemu-args does', () => {
    expect(netdevOf([{ id: 'main' }])).toBe('net0');
    expect(netdevOf([{ id: 'extra' }, { id: 'main' }])).toBe('net1');
    expect(netdevOf([{ id: 'main' }, { id: 'x' }], 'x')).toBe('net1');
  });

  it('explains a missing NIC', () => {
    expect(() => netdevOf(undefined)).toThrow(
      new HostForwardError('the guest has no network interface to forward ports to'),
    );
    expect(() => netdevOf([{ id: 'a' }, { id: 'b' }])).toThrow(
      'the guest has no network interface "main" (it has a, b)',
    );
  });
});

describe('addHostForward / removeHostForward', () => {
  it('adds forwards on free host ports (even concurrently) and removes them', async () => {
    const q = fakeQemu();
    const [a, b] = await Promise.all([
      addHostForward(q, { guestPort: 8080 }),
      addHostForward(q, { guestPort: 8080 }),
    ]);
    expect(a).toEqual({ netdev: 'net0', protocol: 'tcp', hostPort: 40000, guestPort: 8080 });
    expect(b?.hostPort).toBe(40001);
    expect(q.rules).toHaveLength(2);
    await removeHostForward(q, a);
    expect(q.rules).toEqual([{ proto: 'tcp', host: 40001, guest: 8080 }]);
    await expect(removeHostForward(q, a)).rejects.toThrow(
      'QEMU did not remove host forward tcp:127.0.0.1:40000: host forwarding rule for tcp:127.0.0.1:40000 not found',
    );
  });

  it("reports QEMU's refusal and rejects bad ports before asking QEMU", async () => {
    const q = fakeQemu();
    await expect(addHostForward(q, { guestPort: 22, nic: 'main' })).resolves.toMatchObject({
      hostPort: 40000,
    });
    const other = { ...q, spec: { nics: [{ id: 'eth' }, { id: 'main' }] } };
    await expect(addHostForward(other, { guestPort: 22 })).rejects.toThrow(
      "QEMU refused host forward tcp:127.0.0.1:0-:22: unrecognized netdev id 'net1'",
    );
    const calls = q.monitor.calls.length;
    expect(() => addHostForward(q, { guestPort: 0 })).toThrow(RangeError);
    expect(() => addHostForward(q, { guestPort: 70000 })).toThrow(
      'guest port 70000 is not an integer between 1 and 65535',
    );
    expect(q.monitor.calls).toHaveLength(calls);
  });
});
