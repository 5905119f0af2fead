import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../src/apiserver/types.ts';
import { refOf } from '../src/controllers/runtime/client.ts';
import {
  api,
  kubectl,
  kubectls,
  startTestSandbox,
  vmManifest,
  type TestSandbox,
} from './harness.ts';
import { conditionOf, phaseOf, testClient, waitFor } from './wait.ts';

// VirtualMachineIPAddress and its leases through the seeds' flows (user guide "IP addresses").
const DVP = 'virtualization.deckhouse.io';
const K = kubectls['kubectl 1.32'];
let sb: TestSandbox;

const vmip = (name: string, namespace = 'demo') => ({
  group: DVP,
  kind: 'VirtualMachineIPAddress',
  name,
  namespace,
});
const lease = (ip: string) => ({
  group: DVP,
  kind: 'VirtualMachineIPAddressLease',
  name: `ip-${ip.replaceAll('.', '-')}`,
});
const statusOf = (o: KubeObject) =>
  (o.status ?? {}) as { address?: string; virtualMachineName?: string; phase?: string };

async function apply(yaml: string, ns = 'demo') {
  const r = await kubectl(K, sb, ['apply', '-n', ns, '-f', '-'], { input: yaml });
  return r;
}

async function createVm(name: string, ipName?: string): Promise<KubeObject> {
  const body = vmManifest(name) as ReturnType<typeof vmManifest> & {
    spec: { virtualMachineIPAddressName?: string };
  };
  if (ipName) body.spec.virtualMachineIPAddressName = ipName;
  const r = await api(sb, 'POST', `/apis/${DVP}/v1alpha2/namespaces/demo/virtualmachines`, {
    body,
  });
  expect(r.status, r.text).toBe(201);
  return r.json as KubeObject;
}

async function autoVmipOf(vm: KubeObject): Promise<KubeObject> {
  const c = testClient(sb);
  try {
    let found: KubeObject | undefined;
    await expect
      .poll(
        async () => {
          const { items } = await c.list(refOf(DVP, 'VirtualMachineIPAddress'), {
            namespace: 'demo',
            labelSelector: `virtualization.deckhouse.io/virtual-machine-uid=${vm.metadata.uid}`,
          });
          found = items[0];
          return items.length;
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    return found as KubeObject;
  } finally {
    c.close();
  }
}

beforeAll(async () => {
  process.env.SANDBOX_IP_LEASE_HOLD_SECONDS = '3';
  sb = await startTestSandbox({ nodes: 1 });
}, 60_000);

afterAll(async () => {
  await sb?.stop();
  delete process.env.SANDBOX_IP_LEASE_HOLD_SECONDS;
});

describe('automatic addresses', () => {
  it('gives each VM a VMIP <vm>-<hash> owned by it, bound to a lease, attached once the VM uses it', async () => {
    const vm = await createVm('ip-auto');
    const ip = await autoVmipOf(vm);
    expect(ip.metadata.name).toMatch(/^ip-auto-[a-z0-9]{5}$/);
    expect(ip.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'VirtualMachine', name: 'ip-auto', uid: vm.metadata.uid }),
    ]);
    const attached = await waitFor(
      sb,
      vmip(ip.metadata.name ?? ''),
      (o) => phaseOf(o) === 'Attached',
    );
    const address = statusOf(attached).address ?? '';
    expect(address).toMatch(/^10\.66\.(10|20)\.\d+$/);
    expect(address).not.toMatch(/\.(0|255)$/);
    expect(statusOf(attached).virtualMachineName).toBe('ip-auto');
    expect(conditionOf(attached, 'Bound')).toMatchObject({ status: 'True', reason: 'Bound' });
    expect(conditionOf(attached, 'Attached')).toMatchObject({ status: 'True', reason: 'Attached' });
    const l = await waitFor(sb, lease(address), (o) => phaseOf(o) === 'Bound');
    expect(l.spec).toEqual({
      virtualMachineIPAddressRef: { name: ip.metadata.name, namespace: 'demo' },
    });
    expect(l.metadata.labels?.['virtualization.deckhouse.io/virtual-machine-ip-address-uid']).toBe(
      ip.metadata.uid,
    );
    const vmNow = await waitFor(
      sb,
      { group: DVP, kind: 'VirtualMachine', name: 'ip-auto', namespace: 'demo' },
      (o) =>
        (o.status as { virtualMachineIPAddressName?: string }).virtualMachineIPAddressName ===
        ip.metadata.name,
    );
    expect(vmNow.metadata.name).toBe('ip-auto');
  }, 60_000);

  it('keeps the VMIP after the VM is deleted once its ownerReferences are removed, for a new VM', async () => {
    const ipName = (
      (
        await waitFor(
          sb,
          { group: DVP, kind: 'VirtualMachine', name: 'ip-auto', namespace: 'demo' },
          (o) =>
            !!(o.status as { virtualMachineIPAddressName?: string }).virtualMachineIPAddressName,
        )
      ).status as { virtualMachineIPAddressName: string }
    ).virtualMachineIPAddressName;
    const before = statusOf(await waitFor(sb, vmip(ipName), () => true)).address;
    const p = await kubectl(K, sb, [
      'patch',
      'vmip',
      ipName,
      '-n',
      'demo',
      '--type=merge',
      '--patch',
      '{"metadata":{"ownerReferences":null}}',
    ]);
    expect(p.code, p.stderr).toBe(0);
    const d = await kubectl(K, sb, ['delete', 'vm', 'ip-auto', '-n', 'demo', '--wait=true']);
    expect(d.code, d.stderr).toBe(0);
    const kept = await waitFor(sb, vmip(ipName), (o) => phaseOf(o) === 'Bound');
    expect(statusOf(kept).address).toBe(before);
    expect(conditionOf(kept, 'Attached')).toMatchObject({
      status: 'False',
      reason: 'VirtualMachineNotFound',
    });

    await createVm('ip-reuse', ipName);
    const reused = await waitFor(sb, vmip(ipName), (o) => phaseOf(o) === 'Attached');
    expect(statusOf(reused)).toMatchObject({ address: before, virtualMachineName: 'ip-reuse' });
  }, 60_000);

  it('deletes an owned VMIP with its VM and releases the lease', async () => {
    const vm = await createVm('ip-gone');
    const ip = await autoVmipOf(vm);
    const bound = await waitFor(sb, vmip(ip.metadata.name ?? ''), (o) => !!statusOf(o).address);
    const address = statusOf(bound).address ?? '';
    const d = await kubectl(K, sb, ['delete', 'vm', 'ip-gone', '-n', 'demo', '--wait=true']);
    expect(d.code, d.stderr).toBe(0);
    const released = await waitFor(sb, lease(address), (o) => phaseOf(o) === 'Released');
    expect(conditionOf(released, 'Bound')).toMatchObject({ status: 'False', reason: 'Released' });
    expect(released.spec).toEqual({ virtualMachineIPAddressRef: { name: '', namespace: 'demo' } });
  }, 60_000);
});

describe('static addresses', () => {
  const staticYaml = (name: string, ip: string) => `apiVersion: ${DVP}/v1alpha2
kind: VirtualMachineIPAddress
metadata:
  name: ${name}
spec:
  staticIP: ${ip}
  type: Static
`;

  it('binds a requested address, holds it for the namespace after release, then frees it', async () => {
    const r = await apply(staticYaml('linux-vm-custom-ip', '10.66.20.77'));
    expect(r.code, r.stderr).toBe(0);
    const bound = await waitFor(sb, vmip('linux-vm-custom-ip'), (o) => phaseOf(o) === 'Bound');
    expect(statusOf(bound).address).toBe('10.66.20.77');
    await createVm('ip-static', 'linux-vm-custom-ip');
    await waitFor(sb, vmip('linux-vm-custom-ip'), (o) => phaseOf(o) === 'Attached');

    // Taken: nobody else may request it.
    const taken = await apply(staticYaml('thief', '10.66.20.77'));
    expect(taken.code).not.toBe(0);
    expect(taken.stderr).toContain('has already been allocated');

    // Released: reserved for this namespace only, for the hold time.
    expect(
      (await kubectl(K, sb, ['delete', 'vm', 'ip-static', '-n', 'demo', '--wait=true'])).code,
    ).toBe(0);
    expect(
      (await kubectl(K, sb, ['delete', 'vmip', 'linux-vm-custom-ip', '-n', 'demo'])).code,
    ).toBe(0);
    await waitFor(sb, lease('10.66.20.77'), (o) => phaseOf(o) === 'Released');
    expect((await kubectl(K, sb, ['create', 'namespace', 'other'])).code).toBe(0);
    const elsewhere = await apply(staticYaml('elsewhere', '10.66.20.77'), 'other');
    expect(elsewhere.code).not.toBe(0);
    const back = await apply(staticYaml('linux-vm-custom-ip', '10.66.20.77'));
    expect(back.code, back.stderr).toBe(0);
    await waitFor(sb, vmip('linux-vm-custom-ip'), (o) => phaseOf(o) === 'Bound');
    const rebound = await waitFor(sb, lease('10.66.20.77'), (o) => phaseOf(o) === 'Bound');
    expect(rebound.spec).toEqual({
      virtualMachineIPAddressRef: { name: 'linux-vm-custom-ip', namespace: 'demo' },
    });

    // After the hold the lease is gone and any namespace may have the address.
    expect(
      (await kubectl(K, sb, ['delete', 'vmip', 'linux-vm-custom-ip', '-n', 'demo'])).code,
    ).toBe(0);
    await waitFor(sb, lease('10.66.20.77'), (o) => phaseOf(o) === 'Released');
    await expect
      .poll(
        async () =>
          (
            await api(
              sb,
              'GET',
              `/apis/${DVP}/v1alpha2/virtualmachineipaddressleases/ip-10-66-20-77`,
            )
          ).status,
        {
          timeout: 20_000,
        },
      )
      .toBe(404);
    const now = await apply(staticYaml('elsewhere', '10.66.20.77'), 'other');
    expect(now.code, now.stderr).toBe(0);
    await waitFor(sb, vmip('elsewhere', 'other'), (o) => phaseOf(o) === 'Bound');
  }, 90_000);
});

describe('MAC addresses of additional networks', () => {
  const macRef = refOf(DVP, 'VirtualMachineMACAddress');
  const macsOf = async (uid: string) => {
    const c = testClient(sb);
    try {
      const { items } = await c.list(macRef, {
        namespace: 'demo',
        labelSelector: `virtualization.deckhouse.io/virtual-machine-uid=${uid}`,
      });
      return items;
    } finally {
      c.close();
    }
  };

  it('leases one MAC per additional interface from the cluster OUI and frees it with the network', async () => {
    const body = vmManifest('mac-vm') as ReturnType<typeof vmManifest> & {
      spec: { networks?: unknown };
    };
    body.spec.networks = [
      { type: 'Main' },
      { type: 'Network', name: 'user-net' },
      { type: 'ClusterNetwork', name: 'corp-net' },
    ];
    const r = await api(sb, 'POST', `/apis/${DVP}/v1alpha2/namespaces/demo/virtualmachines`, {
      body,
    });
    expect(r.status, r.text).toBe(201);
    const uid = (r.json as KubeObject).metadata.uid ?? '';
    await expect
      .poll(async () => (await macsOf(uid)).filter((m) => phaseOf(m) === 'Bound').length, {
        timeout: 20_000,
      })
      .toBe(2);
    const macs = (await macsOf(uid)).map((m) => statusOf(m).address ?? '');
    for (const m of macs) expect(m).toMatch(/^[0-9a-f][26ae](:[0-9a-f]{2}){5}$/);
    expect(new Set(macs.map((m) => m.slice(0, 8))).size).toBe(1);
    expect(macs[0]).not.toBe(macs[1]);
    for (const m of macs) {
      await waitFor(
        sb,
        {
          group: DVP,
          kind: 'VirtualMachineMACAddressLease',
          name: `mac-${m.replaceAll(':', '-')}`,
        },
        (o) => phaseOf(o) === 'Bound',
      );
    }

    const p = await kubectl(K, sb, [
      'patch',
      'vm',
      'mac-vm',
      '-n',
      'demo',
      '--type=json',
      '--patch',
      '[{"op":"remove","path":"/spec/networks/2"}]',
    ]);
    expect(p.code, p.stderr).toBe(0);
    await expect.poll(async () => (await macsOf(uid)).length, { timeout: 20_000 }).toBe(1);
    const left = statusOf((await macsOf(uid))[0] as KubeObject).address ?? '';
    const gone = macs.find((m) => m !== left) ?? '';
    await expect
      .poll(
        async () =>
          (
            await api(
              sb,
              'GET',
              `/apis/${DVP}/v1alpha2/virtualmachinemacaddressleases/mac-${gone.replaceAll(':', '-')}`,
            )
          ).status,
        { timeout: 20_000 },
      )
      .toBe(404);
  }, 60_000);

  it('binds a requested MAC and refuses it to anyone else', async () => {
    const yaml = (name: string) => `apiVersion: ${DVP}/v1alpha2
kind: VirtualMachineMACAddress
metadata: {name: ${name}}
spec: {address: "AA-BB-CC-00-11-22"}
`;
    expect((await apply(yaml('my-mac'))).code).toBe(0);
    const bound = await waitFor(
      sb,
      { group: DVP, kind: 'VirtualMachineMACAddress', name: 'my-mac', namespace: 'demo' },
      (o) => phaseOf(o) === 'Bound',
    );
    expect(statusOf(bound).address).toBe('aa:bb:cc:00:11:22');
    const dup = await apply(yaml('your-mac'));
    expect(dup.code).not.toBe(0);
    expect(dup.stderr).toContain('has already been allocated');
  }, 30_000);
});
