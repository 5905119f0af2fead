/**
 * Compute acceptance around nodes and placement: admission refusals with field causes, an
 * unschedulable VM that says why, node heartbeats, drain by live migration, ColdStandby after a
 * node's agent dies, and guests re-adopted across a sandbox restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { api, startTestSandbox, type TestSandbox } from './harness.ts';
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

const DVP = 'virtualization.deckhouse.io';
const dataDir = mkdtempSync(join(tmpdir(), 'dvp-compute-nodes-'));
let sb: TestSandbox | undefined;
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

  it('drain (cordon + node.deckhouse.io/drain taint) moves both VMs off by live migration', async () => {
    const s = get();
    await readyDisk(s, 'disk-a', 'demo');
    await readyDisk(s, 'disk-b', 'demo');
    // Both on node 1: a required nodeSelector that is then lifted (a live change for placement).
    const pin = '  nodeSelector: {kubernetes.io/hostname: sandbox-node-1}\n';
    await apply(s, 'vm-a', vmYaml('vm-a', 'disk-a', { spec: pin, runPolicy: 'AlwaysOn' }));
    await apply(s, 'vm-b', vmYaml('vm-b', 'disk-b', { spec: pin }));
    for (const n of ['vm-a', 'vm-b']) {
      const vm = await waitVm(s, n);
      expect(statusOf(vm).nodeName).toBe('sandbox-node-1');
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
    await k(s, ['cordon', 'sandbox-node-1']);
    await k(s, ['taint', 'node', 'sandbox-node-1', 'node.deckhouse.io/drain=:NoSchedule']);
    for (const n of ['vm-a', 'vm-b']) {
      const vm = await waitVm(
        s,
        n,
        (o) => phase(o) === 'Running' && statusOf(o).nodeName === 'sandbox-node-2',
      );
      expect(statusOf(vm).migrationState?.result).toBe('Succeeded');
    }
    const ops = await k(s, ['get', 'vmop', '-n', NS, '-o', 'name']);
    expect(ops).toMatch(/evacuation-vm-a-/);
    expect(ops).toMatch(/evacuation-vm-b-/);
    expect(s.nodes.agent('sandbox-node-1')?.list()).toEqual([]);
    await k(s, ['taint', 'node', 'sandbox-node-1', 'node.deckhouse.io/drain-']);
    await k(s, ['uncordon', 'sandbox-node-1']);
  }, 400_000);

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
    await s.close({ keepGuests: true });
    sb = undefined;
    sb = await startTestSandbox({ dataDir });
    const again = get();
    expect(again.nodes.locate(uid)?.guest.pid).toBe(pid);
    const vm = await waitVm(again, 'vm-a');
    expect(statusOf(vm).nodeName).toBe('sandbox-node-1');
  }, 300_000);
});
