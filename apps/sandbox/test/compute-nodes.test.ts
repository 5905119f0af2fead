/**
 * Compute acceptance around nodes and placement: admission refusals with field causes, an
 * unschedulable VM that says why, node heartbeats, drain by live migration, ColdStandby after a
 * node's agent dies, and guests re-adopted across a sandbox restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../src/apiserver/types.ts';
import { api, kubectl, kubectls, startTestSandbox, type TestSandbox } from './harness.ts';
import {
  apply,
  cond,
  k,
  NS,
  phase,
  readyDisk,
  readyImage,
  statusOf,
  uidOf,
  vmYaml,
  waitVm,
} from './compute-support.ts';
import { waitFor } from './wait.ts';
import { SYSTEM_USER } from '../src/controllers/garbage-collector.ts';

const DVP = 'virtualization.deckhouse.io';
const dataDir = mkdtempSync(join(tmpdir(), 'dvp-compute-nodes-'));
let sb: TestSandbox | undefined;
const podsOf = (o: KubeObject) =>
  (o.status as { virtualMachinePods?: { name: string; active: boolean }[] } | undefined)
    ?.virtualMachinePods ?? [];
const launcherName = (vm: string) => new RegExp(`^virt-launcher-${vm}-[a-z0-9]{5}$`);
const get = () => {
  if (!sb) throw new Error('sandbox not started');
  return sb;
};

describe('compute: nodes, placement, drain, ColdStandby, restart', () => {
  afterAll(async () => {
    await sb?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses sizing-policy and topology violations with field causes; an unschedulable VM says why', async () => {
    sb = await startTestSandbox({ dataDir });
    const s = get();
    const base = JSON.parse(
      JSON.stringify({
        apiVersion: `${DVP}/v1alpha2`,
        kind: 'VirtualMachine',
        metadata: { name: 'bad', namespace: NS },
        spec: {
          virtualMachineClassName: 'generic',
          cpu: { cores: 1, coreFraction: '30%' },
          memory: { size: '256Mi' },
          blockDeviceRefs: [{ kind: 'VirtualDisk', name: 'none' }],
        },
      }),
    ) as { spec: { cpu: { cores: number; coreFraction: string } } };
    const path = `/apis/${DVP}/v1alpha2/namespaces/${NS}/virtualmachines`;
    const sizing = await api(s, 'POST', path, { body: base });
    expect(sizing.status).toBe(422);
    const causes = (sizing.json as { details: { causes: { field: string; message: string }[] } })
      .details.causes;
    expect(causes).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'spec.cpu.coreFraction' })]),
    );
    base.spec.cpu = { cores: 17, coreFraction: '100%' };
    const topo = await api(s, 'POST', path, { body: base });
    expect(topo.status).toBe(422);
    expect(JSON.stringify(topo.json)).toMatch(/spec\.cpu\.cores/);
    expect(JSON.stringify(topo.json)).toMatch(/multiple of 2/);

    await readyImage(s, 'demo');
    await readyDisk(s, 'disk-nowhere', 'demo');
    await apply(
      s,
      'vm-nowhere',
      vmYaml('nowhere', 'disk-nowhere', { spec: '  nodeSelector: {disktype: ssd}\n' }),
    );
    const vm = await waitVm(s, 'nowhere', (o) => cond(o, 'Running')?.reason === 'PodNotStarted');
    expect(cond(vm, 'Running')?.message).toBe(
      "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.",
    );
    expect(phase(vm)).toBe('Starting');
    await k(s, ['delete', 'vm', 'nowhere', '-n', NS, '--wait=false']);
  }, 300_000);

  it('serves virt-launcher pods; a pod created by anyone but the controller is refused', async () => {
    const s = get();
    const run = await kubectl(kubectls['kubectl 1.32'], s, [
      'run',
      'web',
      '--image=nginx',
      '-n',
      NS,
    ]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      'the sandbox runs no containers; pods are virt-launcher mirrors of running VMs',
    );
    // A pod that mirrors no VM (written straight to storage as a system controller would):
    // evicting it deletes it (201); with dryRun nothing happens.
    const served = s.objects.registry.byGroupKind('', 'Pod');
    if (!served) throw new Error('pods are not served');
    await s.objects.create(
      served,
      NS,
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray' }, spec: { containers: [] } },
      { user: SYSTEM_USER },
    );
    const evict = (q = '') =>
      api(s, 'POST', `/api/v1/namespaces/${NS}/pods/stray/eviction${q}`, {
        body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'stray' } },
      });
    expect((await evict('?dryRun=All')).status).toBe(201);
    expect(await k(s, ['get', 'pods', '-n', NS, '-o', 'name'])).toBe('pod/stray\n');
    const done = await evict();
    expect(done.status).toBe(201);
    expect(done.json).toMatchObject({ kind: 'Status', status: 'Success' });
    expect(await k(s, ['get', 'pods', '-n', NS])).toBe('');
    expect((await evict()).status).toBe(404);
  }, 60_000);

  it('kubectl drain evicts the virt-launcher pods: both VMs live-migrate off, guests keep running', async () => {
    const s = get();
    await readyDisk(s, 'disk-a', 'demo');
    await readyDisk(s, 'disk-b', 'demo');
    const pin = '  nodeSelector: {kubernetes.io/hostname: sandbox-node-1}\n';
    await apply(
      s,
      'vm-a',
      vmYaml('vm-a', 'disk-a', { spec: pin, runPolicy: 'AlwaysOn', labels: { app: 'web' } }),
    );
    await apply(s, 'vm-b', vmYaml('vm-b', 'disk-b', { spec: pin }));
    for (const n of ['vm-a', 'vm-b']) {
      const vm = await waitVm(
        s,
        n,
        (o) => phase(o) === 'Running' && cond(o, 'AgentReady')?.status === 'True',
      );
      expect(statusOf(vm).nodeName).toBe('sandbox-node-1');
      const pods = podsOf(vm);
      expect(pods).toHaveLength(1);
      expect(pods[0]?.active).toBe(true);
      expect(pods[0]?.name).toMatch(launcherName(n));
    }
    // `kubectl get pods -o wide`: the virt-launcher pods with their VM's IP and node.
    const wide = await k(s, ['get', 'pods', '-n', NS, '-o', 'wide']);
    for (const n of ['vm-a', 'vm-b'])
      expect(wide).toMatch(
        new RegExp(
          `virt-launcher-${n}-[a-z0-9]{5}\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+10\\.66\\.\\d+\\.\\d+\\s+sandbox-node-1`,
        ),
      );
    const podA = JSON.parse(
      await k(s, ['get', 'pods', '-n', NS, '-l', 'app=web', '-o', 'json']),
    ) as { items: { metadata: { labels: Record<string, string>; ownerReferences: unknown[] } }[] };
    expect(podA.items).toHaveLength(1);
    expect(podA.items[0]?.metadata.labels).toMatchObject({
      app: 'web',
      'kubevirt.internal.virtualization.deckhouse.io': 'virt-launcher',
      'vm.kubevirt.internal.virtualization.deckhouse.io/name': 'vm-a',
    });
    expect(podA.items[0]?.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'VirtualMachine', name: 'vm-a', controller: true }),
    ]);
    // A marker in the guests' tmpfs: still there after the drain = the guests never restarted.
    for (const n of ['vm-a', 'vm-b']) {
      const g = s.nodes.locate(await uidOf(s, n))?.guest;
      const w = await g?.agent.exec('/bin/sh', ['-c', `echo ${n}-alive > /run/drain-marker`]);
      expect(w?.exitCode).toBe(0);
    }
    for (const n of ['vm-a', 'vm-b']) {
      await k(s, [
        'patch',
        'vm',
        n,
        '-n',
        NS,
        '--type',
        'json',
        '-p',
        '[{"op":"remove","path":"/spec/nodeSelector"}]',
      ]);
    }
    // While they migrate, each VM lists two pods: the source (active) and the target.
    const sawTarget = new Set<string>();
    const watches = ['vm-a', 'vm-b'].map((n) =>
      waitVm(s, n, (o) => phase(o) === 'Running' && statusOf(o).nodeName === 'sandbox-node-2', {
        timeoutMs: 240_000,
        onChange: (o) => {
          const pods = podsOf(o);
          if (pods.length === 2 && pods.some((p) => !p.active)) sawTarget.add(n);
        },
      }),
    );
    const drain = await kubectl(
      kubectls['kubectl 1.32'],
      s,
      [
        'drain',
        'sandbox-node-1',
        '--pod-selector=kubevirt.internal.virtualization.deckhouse.io=virt-launcher',
        '--ignore-daemonsets',
        '--delete-emptydir-data',
        '--timeout=180s',
      ],
      { timeoutMs: 240_000 },
    );
    expect(drain.code, drain.stderr).toBe(0);
    expect(drain.stderr).toMatch(/Eviction triggered evacuation of VirtualMachine demo\/vm-a/);
    expect(drain.stdout).toMatch(/node\/sandbox-node-1 drained/);
    for (const vm of await Promise.all(watches))
      expect(statusOf(vm).migrationState?.result).toBe('Succeeded');
    for (const n of ['vm-a', 'vm-b']) {
      const g = s.nodes.locate(await uidOf(s, n))?.guest;
      const r = await g?.agent.exec('/bin/cat', ['/run/drain-marker']);
      expect(r?.stdout.trim()).toBe(`${n}-alive`);
    }
    expect([...sawTarget].sort()).toEqual(['vm-a', 'vm-b']);
    const ops = await k(s, ['get', 'vmop', '-n', NS, '-o', 'name']);
    expect(ops).toMatch(/evacuation-vm-a-/);
    expect(ops).toMatch(/evacuation-vm-b-/);
    expect(s.nodes.agent('sandbox-node-1')?.list()).toEqual([]);
    const after = await k(s, ['get', 'pods', '-n', NS, '-o', 'wide']);
    expect(after).not.toMatch(/sandbox-node-1/);
    expect(after.match(/sandbox-node-2/g)).toHaveLength(2);
    await k(s, ['uncordon', 'sandbox-node-1']);
  }, 400_000);

  it('evicting the pod of a VM on local storage answers 429 with why; kubectl drain --timeout fails clearly', async () => {
    const s = get();
    await readyDisk(s, 'disk-local', 'demo', 'local-path');
    await apply(
      s,
      'vm-local',
      vmYaml('vm-local', 'disk-local', {
        spec: '  nodeSelector: {kubernetes.io/hostname: sandbox-node-1}\n',
      }),
    );
    const vm = await waitVm(s, 'vm-local', (o) => phase(o) === 'Running' && podsOf(o).length > 0);
    const pod = podsOf(vm)[0]?.name ?? '';
    const path = `/api/v1/namespaces/${NS}/pods/${pod}/eviction`;
    const body = {
      apiVersion: 'policy/v1',
      kind: 'Eviction',
      metadata: { name: pod, namespace: NS },
    };
    const res = await api(s, 'POST', path, { body });
    expect(res.status).toBe(429);
    expect(res.json).toMatchObject({ reason: 'TooManyRequests', code: 429 });
    expect((res.json as { message: string }).message).toMatch(
      /cannot be live-migrated: .*"disk-local" use node-local ReadWriteOnce storage/,
    );
    const drain = await kubectl(
      kubectls['kubectl 1.32'],
      s,
      [
        'drain',
        'sandbox-node-1',
        '--pod-selector=vm.kubevirt.internal.virtualization.deckhouse.io/name=vm-local',
        '--ignore-daemonsets',
        '--timeout=12s',
      ],
      { timeoutMs: 60_000 },
    );
    expect(drain.code).not.toBe(0);
    expect(drain.stderr).toMatch(/cannot be live-migrated/);
    expect(drain.stderr).toMatch(/global timeout reached: 12s/);
    expect(await k(s, ['get', 'vmop', '-n', NS, '-o', 'name'])).not.toMatch(/evacuation-vm-local/);
    await k(s, ['uncordon', 'sandbox-node-1']);
    await k(s, ['delete', 'vm', 'vm-local', '-n', NS, '--wait=false']);
    await k(s, ['delete', 'vd', 'disk-local', '-n', NS, '--wait=false']);
  }, 300_000);

  it('killing a node agent: the node goes NotReady and the AlwaysOn VM restarts on the other node', async () => {
    const s = get();
    await s.nodes.kill('sandbox-node-2');
    await waitFor(
      s,
      { group: '', kind: 'Node', name: 'sandbox-node-2' },
      (o) =>
        (o.status as { conditions?: { type: string; status: string }[] }).conditions?.find(
          (c) => c.type === 'Ready',
        )?.status !== 'True',
      { timeoutMs: 30_000 },
    );
    const a = await waitVm(
      s,
      'vm-a',
      (o) => phase(o) === 'Running' && statusOf(o).nodeName === 'sandbox-node-1',
    );
    expect(s.nodes.locate(await uidOf(s, 'vm-a'))?.node).toBe('sandbox-node-1');
    expect(cond(a, 'Running')?.status).toBe('True');
    // vm-b (AlwaysOnUnlessStoppedManually) also comes back: a crash is not a manual stop.
    await waitVm(
      s,
      'vm-b',
      (o) => phase(o) === 'Running' && statusOf(o).nodeName === 'sandbox-node-1',
    );
    s.nodes.revive('sandbox-node-2');
  }, 300_000);

  it('a sandbox restart re-adopts running guests (same QEMU pid) and status stays truthful', async () => {
    const s = get();
    const uid = await uidOf(s, 'vm-a');
    const pid = s.nodes.locate(uid)?.guest.pid;
    expect(pid).toBeGreaterThan(0);
    const before = podsOf(await waitVm(s, 'vm-a', (o) => podsOf(o).length === 1));
    await s.close({ keepGuests: true });
    sb = undefined;
    sb = await startTestSandbox({ dataDir });
    const again = get();
    expect(again.nodes.locate(uid)?.guest.pid).toBe(pid);
    const vm = await waitVm(again, 'vm-a');
    expect(statusOf(vm).nodeName).toBe('sandbox-node-1');
    // The virt-launcher pod of the re-adopted guest is kept (no duplicate, still active).
    expect(podsOf(vm)).toEqual(before);
    const pods = await k(again, ['get', 'pods', '-n', NS, '-o', 'wide', '-l', 'app=web']);
    expect(pods).toMatch(new RegExp(`${before[0]?.name ?? '-'}\\s+1/1\\s+Running.*sandbox-node-1`));
    expect(pods.trim().split('\n')).toHaveLength(2);
  }, 300_000);
});
