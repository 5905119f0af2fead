import { randomBytes } from 'node:crypto';
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawData, WebSocket } from 'ws';
import type { Guest } from '@dvp/hypervisor-agent/guest/guest';
import { listHostForwards } from '@dvp/hypervisor-agent/guest/host-forward';
import { SerialConsole } from '@dvp/hypervisor-agent/testing/serial-console';
import { api, startTestSandbox, type TestSandbox } from './harness.ts';
import {
  bootDemoGuest,
  closedWith,
  createVmInPhase,
  openStream,
  opened,
  subPath,
} from './consoles-support.ts';

// Port forwarding end to end on a real guest, without the DVP controllers: the VM is created and
// marked Running by hand, its guest started directly on the node's agent; busybox `nc` in the
// guest echoes what it receives on port 8080.
const ECHO_PORT = 8080;
let sb: TestSandbox;
let guest: Guest;

const forward = (user: string, query: string, vm = 'pf-vm') =>
  openStream(sb, sb.tokens[user] ?? '', 'demo', vm, 'portforward', { query });

/** Collects binary frames of a websocket; `read(n)` resolves once n bytes have arrived. */
function reader(ws: WebSocket) {
  const chunks: Buffer[] = [];
  let want: { n: number; resolve: (b: Buffer) => void } | undefined;
  const check = () => {
    const got = Buffer.concat(chunks);
    if (want && got.length >= want.n) {
      want.resolve(got.subarray(0, want.n));
      chunks.splice(0, chunks.length, got.subarray(want.n));
      want = undefined;
    }
  };
  ws.on('message', (d: RawData, isBinary: boolean) => {
    if (!isBinary) throw new Error('the server sent a text frame');
    chunks.push(Buffer.isBuffer(d) ? d : Buffer.from(d as ArrayBuffer));
    check();
  });
  return {
    read: (n: number) =>
      new Promise<Buffer>((resolve) => {
        want = { n, resolve };
        check();
      }),
  };
}

const forwardsTo = async (port: number) =>
  (await listHostForwards(guest)).filter((f) => f.guestPort === port);

beforeAll(async () => {
  sb = await startTestSandbox({ controllers: false, nodes: 1 });
  const vm = await createVmInPhase(sb, 'pf-vm', 'Running');
  await bootDemoGuest(sb, vm);
  guest = sb.nodes.locate(vm.metadata.uid ?? '')?.guest as Guest;
  const c = await SerialConsole.open(guest.serial);
  try {
    await c.login('cloud', 'cloud');
    await c.run(`(setsid nc -ll -p ${ECHO_PORT} -e cat </dev/null >/dev/null 2>&1 &)`);
    // Wait (in the guest) until nc listens.
    const listening = await c.run(
      `for i in $(seq 100); do netstat -ltn | grep -q ':${ECHO_PORT} ' && break; sleep 0.1; done; netstat -ltn | grep -c ':${ECHO_PORT} '`,
    );
    // (The terminal wraps the long command line: the count is the last line.)
    if (listening.split('\n').pop() !== '1')
      throw new Error(`nc is not listening in the guest: ${listening}`);
  } finally {
    c.detach();
  }
}, 180_000);

afterAll(async () => {
  await sb?.stop();
});

describe('portforward', () => {
  it('carries TCP bytes to the guest port in binary frames, and pings the client', async () => {
    const ws = forward('dave', `?port=${ECHO_PORT}`);
    const pinged = new Promise<void>((resolve) => ws.once('ping', () => resolve()));
    await opened(ws);
    expect(ws.protocol).toBe('plain.kubevirt.io');
    const r = reader(ws);
    // Text frames are dropped, as KubeVirt's binary reader does; binary frames reach the guest.
    ws.send('lost in text\n');
    ws.send(Buffer.from('hello guest\n'), { binary: true });
    expect((await r.read(12)).toString()).toBe('hello guest\n');
    // Enough bytes to exercise flow control both ways (several TCP windows).
    const blob = randomBytes(256 * 1024);
    for (let i = 0; i < blob.length; i += 16 * 1024)
      ws.send(blob.subarray(i, i + 16 * 1024), { binary: true });
    expect((await r.read(blob.length)).equals(blob)).toBe(true);
    await pinged;
    ws.close();
  }, 120_000);

  it('shares one QEMU forward between sessions and removes it after the last one', async () => {
    const a = forward('dave', `?port=${ECHO_PORT}`);
    const b = forward('alice', `?port=${ECHO_PORT}&protocol=tcp`);
    await Promise.all([opened(a), opened(b)]);
    const [ra, rb] = [reader(a), reader(b)];
    a.send(Buffer.from('from-a\n'), { binary: true });
    b.send(Buffer.from('from-b\n'), { binary: true });
    expect((await ra.read(7)).toString()).toBe('from-a\n');
    expect((await rb.read(7)).toString()).toBe('from-b\n');
    const rules = await forwardsTo(ECHO_PORT);
    expect(rules).toEqual([
      expect.objectContaining({ protocol: 'tcp', hostAddress: '127.0.0.1', guestPort: ECHO_PORT }),
    ]);
    a.close();
    await closedWith(a);
    b.send(Buffer.from('still-b\n'), { binary: true });
    expect((await rb.read(8)).toString()).toBe('still-b\n');
    expect(await forwardsTo(ECHO_PORT)).toEqual(rules);
    b.close();
    await expect.poll(() => forwardsTo(ECHO_PORT), { timeout: 10_000 }).toEqual([]);
  }, 60_000);

  it('closes the websocket when nothing listens on the guest port', async () => {
    const ws = forward('dave', '?port=9');
    const closed = closedWith(ws);
    await opened(ws);
    const { code, reason } = await closed;
    expect(code).toBe(1000);
    expect(reason).toBe(
      'the guest closed the connection to port 9 at once: is anything listening on it?',
    );
    await expect.poll(() => forwardsTo(9), { timeout: 10_000 }).toEqual([]);
  }, 60_000);

  it('accepts POST upgrades (RBAC create) and refuses them without the right', async () => {
    const upgrade = (user: string) =>
      new Promise<number>((resolve, reject) => {
        const url = new URL(`${sb.url}${subPath('demo', 'pf-vm', 'portforward', '?port=8080')}`);
        const req = request(url, {
          method: 'POST',
          ca: sb.caCert,
          headers: {
            Authorization: `Bearer ${sb.tokens[user] ?? ''}`,
            Connection: 'Upgrade',
            Upgrade: 'websocket',
            'Sec-WebSocket-Version': '13',
            'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
          },
        });
        req.on('upgrade', (res, socket) => {
          socket.destroy();
          resolve(res.statusCode ?? 0);
        });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await upgrade('dave')).toBe(101);
    expect(await upgrade('bob')).toBe(403);
    await expect.poll(() => forwardsTo(ECHO_PORT), { timeout: 10_000 }).toEqual([]);
  });

  it('refuses users without the portforward right with a kube 403', async () => {
    for (const user of ['bob', 'mallory']) {
      const err = (await opened(forward(user, `?port=${ECHO_PORT}`)).then(
        () => undefined,
        (e: unknown) => e,
      )) as { statusCode: number; body: { reason: string; message: string } };
      expect(err.statusCode).toBe(403);
      expect(err.body.reason).toBe('Forbidden');
      expect(err.body.message).toContain(
        `User "${user}" cannot get resource "virtualmachines/portforward" in API group "subresources.virtualization.deckhouse.io"`,
      );
    }
    const noToken = openStream(sb, 'not-a-token', 'demo', 'pf-vm', 'portforward', {
      query: `?port=${ECHO_PORT}`,
    });
    await expect(opened(noToken)).rejects.toMatchObject({ statusCode: 401 });
  });

  it('answers a bad port or protocol with a 400 saying what is expected', async () => {
    const cases: [string, string][] = [
      ['', 'query parameter "port" is required'],
      ['?port=ssh', 'port "ssh" is not valid: it must be an integer between 1 and 65535'],
      ['?port=0', 'port 0 is out of range'],
      ['?port=70000', 'port 70000 is out of range'],
      ['?port=53&protocol=udp', 'UDP port forwarding is not available in the sandbox'],
      ['?port=22&protocol=sctp', 'protocol "sctp" is not valid'],
    ];
    // A plain request is checked the same way, then told to upgrade.
    const plain = await api(sb, 'GET', subPath('demo', 'pf-vm', 'portforward', '?port=x'));
    expect(plain.json).toMatchObject({
      code: 400,
      message: 'port "x" is not valid: it must be an integer between 1 and 65535',
    });
    const noUpgrade = await api(sb, 'GET', subPath('demo', 'pf-vm', 'portforward', '?port=22'));
    expect(noUpgrade.json).toMatchObject({ code: 400, message: 'Upgrade request required' });
    for (const [query, message] of cases) {
      await expect(opened(forward('dave', query))).rejects.toMatchObject({
        statusCode: 400,
        body: {
          kind: 'Status',
          reason: 'BadRequest',
          message: expect.stringContaining(message) as string,
        },
      });
    }
  });

  it('answers a stopped VM with the documented error', async () => {
    await createVmInPhase(sb, 'pf-stopped', 'Stopped');
    await expect(opened(forward('dave', '?port=22', 'pf-stopped'))).rejects.toMatchObject({
      statusCode: 400,
      body: { kind: 'Status', message: 'VirtualMachine is not Running or Migrating' },
    });
    await expect(opened(forward('dave', '?port=22', 'no-such-vm'))).rejects.toMatchObject({
      statusCode: 404,
    });
  });
});
