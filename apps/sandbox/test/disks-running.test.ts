import { mkdtempSync, rmSync, copyFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../src/apiserver/types.ts';
import { useTestClient, useTestSandbox } from './harness.ts';
import { waitFor } from './wait.ts';
import {
  DVP,
  NS,
  VD,
  VDS,
  VI,
  VM,
  conditionOf,
  diskManifest,
  fileServer,
  phaseOf,
  waitPhase,
} from './disks-helpers.ts';

const MiB = 1024 * 1024;
const sandbox = useTestSandbox();
const client = useTestClient(sandbox);
let dir = '';
let served: { url: string; server: Server } | undefined;
let vmUid = '';

const guest = () => {
  const located = sandbox().nodes.locate(vmUid);
  if (!located) throw new Error('the guest is not running');
  return located.guest;
};

/** Size in bytes of the guest block device whose serial starts with `serial`. */
async function guestDiskBytes(serial: string): Promise<number> {
  const script =
    'for d in /sys/block/*; do echo "$(cat $d/serial 2>/dev/null) $(cat $d/size)"; done';
  const out = await guest().agent.exec('/bin/sh', ['-c', script]);
  const line = out.stdout.split('\n').find((l) => l.startsWith(serial));
  if (!line) throw new Error(`no guest disk with serial ${serial}: ${out.stdout}`);
  return Number(line.split(' ')[1]) * 512;
}

const snapshot = (name: string, disk: string, requiredConsistency: boolean): KubeObject => ({
  apiVersion: `${DVP}/v1alpha2`,
  kind: 'VirtualDiskSnapshot',
  metadata: { name, namespace: NS },
  spec: { virtualDiskName: disk, requiredConsistency },
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dvp-disks-run-'));
  copyFileSync(
    resolve(import.meta.dirname, '../../../.cache/guest-images/demo.qcow2'),
    join(dir, 'demo.qcow2'),
  );
  served = await fileServer(dir);
  await client().create(VI, {
    apiVersion: `${DVP}/v1alpha2`,
    kind: 'VirtualImage',
    metadata: { name: 'demo', namespace: NS },
    spec: {
      storage: 'ContainerRegistry',
      dataSource: { type: 'HTTP', http: { url: `${served.url}/demo.qcow2` } },
    },
  });
  await client().create(
    VD,
    diskManifest('run-root', { source: { kind: 'VirtualImage', name: 'demo' } }),
  );
  await client().create(VD, diskManifest('run-data', { size: '32Mi' }));
  await waitPhase(sandbox(), 'VirtualDisk', 'run-root', 'Ready', 120_000);
  await waitPhase(sandbox(), 'VirtualDisk', 'run-data', 'Ready', 120_000);
  await client().create(VM, {
    apiVersion: `${DVP}/v1alpha2`,
    kind: 'VirtualMachine',
    metadata: { name: 'runner', namespace: NS },
    spec: {
      virtualMachineClassName: 'generic',
      runPolicy: 'AlwaysOn',
      cpu: { cores: 1, coreFraction: '100%' },
      memory: { size: '256Mi' },
      blockDeviceRefs: [
        { kind: 'VirtualDisk', name: 'run-root' },
        { kind: 'VirtualDisk', name: 'run-data' },
      ],
    },
  });
  const vm = await waitFor(
    sandbox(),
    { group: DVP, kind: 'VirtualMachine', name: 'runner', namespace: NS },
    (o) => phaseOf(o) === 'Running' && conditionOf(o, 'AgentReady')?.status === 'True',
    { timeoutMs: 240_000 },
  );
  vmUid = vm.metadata.uid ?? '';
}, 300_000);

afterAll(async () => {
  await new Promise((r) => served?.server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('disks of a running VM', () => {
  it('reports the disks as attached and mounted', async () => {
    const disk = await waitFor(
      sandbox(),
      { group: DVP, kind: 'VirtualDisk', name: 'run-data', namespace: NS },
      (o) =>
        JSON.stringify(
          (o.status as { attachedToVirtualMachines?: unknown }).attachedToVirtualMachines,
        ) === JSON.stringify([{ name: 'runner', mounted: true }]),
    );
    expect(conditionOf(disk, 'InUse')).toMatchObject({
      status: 'True',
      reason: 'AttachedToVirtualMachine',
    });
  });

  it('grows an attached disk online: the guest sees the new size', async () => {
    expect(await guestDiskBytes('vd-run-data')).toBe(32 * MiB);
    await client().patch(VD, 'run-data', NS, { spec: { persistentVolumeClaim: { size: '48Mi' } } });
    await waitFor(
      sandbox(),
      { group: DVP, kind: 'VirtualDisk', name: 'run-data', namespace: NS },
      (o) => phaseOf(o) === 'Ready' && (o.status as { capacity?: string }).capacity === '48Mi',
      { timeoutMs: 60_000 },
    );
    expect(await guestDiskBytes('vd-run-data')).toBe(48 * MiB);
    expect(sandbox().nodes.locate(vmUid)).toBeDefined();
  });

  it('takes a consistent snapshot of a running VM by freezing its filesystems', async () => {
    const reasons: string[] = [];
    await client().create(VDS, snapshot('run-root-consistent', 'run-root', true));
    const snap = await waitFor(
      sandbox(),
      { group: DVP, kind: 'VirtualDiskSnapshot', name: 'run-root-consistent', namespace: NS },
      (o) => phaseOf(o) === 'Ready' || phaseOf(o) === 'Failed',
      {
        timeoutMs: 120_000,
        onChange: (o) => reasons.push(conditionOf(o, 'VirtualDiskSnapshotReady')?.reason ?? ''),
      },
    );
    expect(phaseOf(snap)).toBe('Ready');
    expect((snap.status as { consistent: boolean }).consistent).toBe(true);
    expect(reasons).toContain('FileSystemFreezing');
    expect(await guest().agent.fsFreezeStatus()).toBe('thawed');
  });

  it('takes an inconsistent snapshot without freezing when consistency is not required', async () => {
    await client().create(VDS, snapshot('run-root-quick', 'run-root', false));
    const snap = await waitPhase(
      sandbox(),
      'VirtualDiskSnapshot',
      'run-root-quick',
      ['Ready', 'Failed'],
      120_000,
    );
    expect(phaseOf(snap)).toBe('Ready');
    expect((snap.status as { consistent: boolean }).consistent).toBe(false);
  });
});
