import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RfbClient } from '@dvp/hypervisor-agent/testing/rfb-client';
import type { KubeObject } from '../src/apiserver/types.ts';
import { api, kubectl, kubectls, startTestSandbox, type TestSandbox } from './harness.ts';
import {
  bootDemoGuest,
  closedWith,
  createVmInPhase,
  openStream,
  opened,
  serialOver,
  SUB_PATH,
  subPath,
} from './consoles-support.ts';

// The subresource API end to end on a real guest, without the DVP controllers: the VM object is
// created and marked Running by hand, its guest started directly on the node's agent.
let sb: TestSandbox;
let vm: KubeObject;

const createVm = (name: string, phase: string) => createVmInPhase(sb, name, phase);

const probe = async (sub: 'console' | 'vnc', name = 'con-vm', token = sb.tokens.dave) =>
  (await api(sb, 'GET', subPath('demo', name, sub, '?probe=true'), { token })).json;

beforeAll(async () => {
  sb = await startTestSandbox({ controllers: false, nodes: 1 });
  vm = await createVm('con-vm', 'Running');
  await bootDemoGuest(sb, vm);
}, 180_000);

afterAll(async () => {
  await sb?.stop();
});

describe('discovery', () => {
  it('serves the subresources group with the VM stream and action subresources', async () => {
    const groups = (await api(sb, 'GET', '/apis')).json as { groups: { name: string }[] };
    expect(groups.groups.map((g) => g.name)).toContain('subresources.virtualization.deckhouse.io');
    const list = (await api(sb, 'GET', SUB_PATH)).json as { resources: { name: string }[] };
    expect(list.resources.map((r) => r.name)).toEqual(
      expect.arrayContaining(['virtualmachines', 'virtualmachines/console', 'virtualmachines/vnc']),
    );
    const stub = await api(sb, 'GET', `${SUB_PATH}/namespaces/demo/virtualmachines/con-vm`);
    expect(stub.json).toMatchObject({ kind: 'VirtualMachine', metadata: { name: 'con-vm' } });
    // kubectl (legacy and aggregated discovery) still resolves `vm` to the CRD group.
    for (const bin of Object.values(kubectls)) {
      const r = await kubectl(bin, sb, ['get', 'vm', '-n', 'demo', 'con-vm']);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/con-vm\s+Running/);
    }
  });
});

describe('serial console', () => {
  it('logs in as cloud/cloud over the websocket, echoing the subprotocol', async () => {
    const ws = openStream(sb, sb.tokens.dave ?? '', 'demo', 'con-vm', 'console');
    await opened(ws);
    expect(ws.protocol).toBe('plain.kubevirt.io');
    const c = await serialOver(ws);
    await c.login('cloud', 'cloud');
    expect(await c.run('echo $((6*7))')).toBe('42');
    // Text frames are dropped, as virt-handler does; binary frames reach the guest.
    ws.send('echo text-frame-$((1+1))\r');
    expect(await c.run('echo binary-$((2+2))')).toBe('binary-4');
    expect(c.transcript).not.toContain('text-frame-2');
    await expect
      .poll(() => probe('console'), { timeout: 10_000 })
      .toMatchObject({
        holder: 'dave',
      });
    const lease = await api(
      sb,
      'GET',
      `/apis/coordination.k8s.io/v1/namespaces/demo/leases/d8v-vm-console-con-vm-${vm.metadata.uid}`,
    );
    expect(lease.json).toMatchObject({
      metadata: { labels: { 'virtualization.deckhouse.io/session': 'console' } },
      spec: { holderIdentity: 'dave', leaseDurationSeconds: 30 },
    });

    // Another user takes the console over: the first connection is closed and told why.
    const closed = closedWith(ws);
    const ws2 = openStream(sb, sb.tokens.alice ?? '', 'demo', 'con-vm', 'console', {
      protocols: ['plain.virtualization.deckhouse.io'],
      headers: { 'User-Agent': 'alice-browser' },
    });
    await opened(ws2);
    expect(ws2.protocol).toBe('plain.virtualization.deckhouse.io');
    const first = await closed;
    expect(first.code).toBe(4001);
    expect(first.reason).toContain('taken over by alice');
    await expect
      .poll(() => probe('console'), { timeout: 10_000 })
      .toMatchObject({
        holder: 'alice',
        client: 'alice-browser',
      });
    const c2 = await serialOver(ws2);
    expect(await c2.run('echo still-$((1+2))')).toBe('still-3');
    await expect
      .poll(async () => {
        const ev = await api(sb, 'GET', '/api/v1/namespaces/demo/events');
        return (ev.json as { items: { reason: string; type: string }[] }).items.filter(
          (e) => e.reason === 'ConsoleSessionPreempted',
        );
      })
      .toEqual([expect.objectContaining({ type: 'Warning' })]);
    ws2.close();
    await expect.poll(() => probe('console'), { timeout: 10_000 }).toEqual({});
  }, 120_000);

  it('works through impersonation by the console backend', async () => {
    const ws = openStream(sb, sb.tokens['dvp-console'] ?? '', 'demo', 'con-vm', 'console', {
      headers: { 'Impersonate-User': 'dave' },
    });
    await opened(ws);
    await expect
      .poll(() => probe('console'), { timeout: 10_000 })
      .toMatchObject({
        holder: 'dave',
      });
    ws.close();
    const denied = openStream(sb, sb.tokens['dvp-console'] ?? '', 'demo', 'con-vm', 'console', {
      headers: { 'Impersonate-User': 'bob' },
    });
    await expect(opened(denied)).rejects.toMatchObject({ statusCode: 403 });
  }, 60_000);

  it('refuses users without the console right with a kube 403', async () => {
    for (const user of ['bob', 'mallory']) {
      const ws = openStream(sb, sb.tokens[user] ?? '', 'demo', 'con-vm', 'console');
      const err = (await opened(ws).then(
        () => undefined,
        (e: unknown) => e,
      )) as { statusCode: number; body: { kind: string; reason: string; message: string } };
      expect(err.statusCode).toBe(403);
      expect(err.body.reason).toBe('Forbidden');
      expect(err.body.message).toContain(
        `User "${user}" cannot get resource "virtualmachines/console" in API group "subresources.virtualization.deckhouse.io"`,
      );
    }
    const noToken = openStream(sb, 'not-a-token', 'demo', 'con-vm', 'console');
    await expect(opened(noToken)).rejects.toMatchObject({ statusCode: 401 });
  });

  it('answers a stopped VM with the documented error, and probe still works', async () => {
    await createVm('stopped-vm', 'Stopped');
    const ws = openStream(sb, sb.tokens.dave ?? '', 'demo', 'stopped-vm', 'console');
    await expect(opened(ws)).rejects.toMatchObject({
      statusCode: 400,
      body: { kind: 'Status', message: 'VirtualMachine is not Running or Migrating' },
    });
    expect(await probe('console', 'stopped-vm')).toEqual({});
    const missing = openStream(sb, sb.tokens.dave ?? '', 'demo', 'no-such-vm', 'vnc');
    await expect(opened(missing)).rejects.toMatchObject({ statusCode: 404 });
    const plain = await api(sb, 'GET', subPath('demo', 'con-vm', 'console'));
    expect(plain.status).toBe(400);
    expect(plain.json).toMatchObject({ message: 'Upgrade request required' });
  });
});

describe('VNC', () => {
  it('completes an RFB handshake with a framebuffer update; a new client takes over', async () => {
    const first = new RfbClient(
      '',
      {},
      openStream(sb, sb.tokens.dave ?? '', 'demo', 'con-vm', 'vnc', {
        headers: { 'User-Agent': 'novnc-dave' },
      }),
    );
    const screen = await first.handshake();
    expect(screen.version).toMatch(/^RFB 003\.00\d$/);
    expect(screen.width).toBeGreaterThan(0);
    await expect
      .poll(() => probe('vnc'), { timeout: 10_000 })
      .toMatchObject({
        holder: 'dave',
        client: 'novnc-dave',
      });
    const second = new RfbClient(
      '',
      {},
      openStream(sb, sb.tokens.alice ?? '', 'demo', 'con-vm', 'vnc'),
    );
    await second.handshake();
    expect((await first.waitClosed()).code).toBe(4001);
    await expect.poll(() => probe('vnc'), { timeout: 10_000 }).toMatchObject({ holder: 'alice' });
    second.close();
    await expect.poll(() => probe('vnc'), { timeout: 10_000 }).toEqual({});
  }, 60_000);
});

describe('actions', () => {
  it('freezes and thaws the guest filesystems through the guest agent', async () => {
    const guest = sb.nodes.locate(vm.metadata.uid ?? '')?.guest;
    await expect
      .poll(
        () =>
          guest?.agent.ping().then(
            () => true,
            () => false,
          ),
        { timeout: 60_000 },
      )
      .toBe(true);
    const frozen = await api(sb, 'PUT', subPath('demo', 'con-vm', 'freeze'), {
      body: { unfreezeTimeout: '1m' },
    });
    expect(frozen.status).toBe(202);
    expect(await guest?.agent.fsFreezeStatus()).toBe('frozen');
    expect((await api(sb, 'PUT', subPath('demo', 'con-vm', 'unfreeze'))).status).toBe(202);
    expect(await guest?.agent.fsFreezeStatus()).toBe('thawed');
    const bad = await api(sb, 'PUT', subPath('demo', 'con-vm', 'freeze'), {
      body: { unfreezeTimeout: 'soon' },
    });
    expect(bad.status).toBe(400);
    // Users of the project may not call the controller's actions.
    const dave = await api(sb, 'PUT', subPath('demo', 'con-vm', 'freeze'), {
      token: sb.tokens.dave,
    });
    expect(dave.status).toBe(403);
  }, 90_000);
});
