import type { KubeObject, VmDetail } from '@dvp/api';
import { describe, expect, it } from 'vitest';
import { dvpPath, seedVm } from './data-fixtures.ts';
import { call, useStack } from './harness.ts';

const NS = 'demo';
const KUBE_VMIPS = `/apis/virtualization.deckhouse.io/v1alpha2/namespaces/${NS}/virtualmachineipaddresses`;
const VMIPS = `/api/v1/namespaces/${NS}/virtualmachineipaddresses`;

describe('the generic object view', () => {
  const stack = useStack();

  it('answers the object as the cluster has it now, even while the watch cache lags', async () => {
    const created = await stack().kube<KubeObject>('admin', {
      method: 'POST',
      path: KUBE_VMIPS,
      body: {
        apiVersion: 'virtualization.deckhouse.io/v1alpha2',
        kind: 'VirtualMachineIPAddress',
        metadata: { name: 'fresh-ip' },
        spec: { type: 'Auto' },
      },
    });
    // The kind's watch cache is filled, then frozen: it stands for a watch that has not yet
    // delivered the next change.
    const cache = await stack().ctx.cache.ready('virtualmachineipaddresses');
    expect(cache.get(NS, 'fresh-ip')?.metadata.resourceVersion).toBe(
      created.metadata.resourceVersion,
    );
    cache.stop();
    const changed = await stack().kube<KubeObject>('admin', {
      method: 'PATCH',
      path: `${KUBE_VMIPS}/fresh-ip`,
      contentType: 'application/merge-patch+json',
      body: { metadata: { labels: { changed: 'yes' } } },
    });
    expect(changed.metadata.resourceVersion).not.toBe(created.metadata.resourceVersion);

    // Read, then write with the resourceVersion read, as the console's edit flows do.
    const view = await call<KubeObject>(stack(), 'admin', 'GET', `${VMIPS}/fresh-ip`);
    expect(view.status).toBe(200);
    expect(view.body.metadata.resourceVersion).toBe(changed.metadata.resourceVersion);
    expect(view.body.kind).toBe('VirtualMachineIPAddress');
    const write = await call<KubeObject>(stack(), 'admin', 'PATCH', `${VMIPS}/fresh-ip`, {
      metadata: { resourceVersion: view.body.metadata.resourceVersion, labels: { kept: 'yes' } },
    });
    expect(write.status).toBe(200);
  });
});

describe('the VM page (vmView)', () => {
  const stack = useStack();

  it('answers the VM as the cluster has it now, even while the watch cache lags', async () => {
    const s = stack();
    await seedVm(s, NS, 'fresh-vm');
    const cache = await s.ctx.cache.ready('virtualmachines');
    const loaded = await call<VmDetail>(
      s,
      'admin',
      'GET',
      `/api/v1/namespaces/${NS}/virtualmachines/fresh-vm`,
    );
    expect(cache.get(NS, 'fresh-vm')?.metadata.resourceVersion).toBe(
      loaded.body.vm.metadata.resourceVersion,
    );
    // A save, and the page's read right after it while the watch has not delivered it.
    cache.stop();
    const saved = await s.kube<KubeObject>('admin', {
      method: 'PATCH',
      path: dvpPath(NS, 'virtualmachines', 'fresh-vm'),
      contentType: 'application/merge-patch+json',
      body: { spec: { cpu: { cores: 2 } } },
    });
    const view = await call<VmDetail>(
      s,
      'admin',
      'GET',
      `/api/v1/namespaces/${NS}/virtualmachines/fresh-vm`,
    );
    expect(view.status).toBe(200);
    expect(view.body.vm.metadata.resourceVersion).toBe(saved.metadata.resourceVersion);
    expect(view.body.vm.spec.cpu.cores).toBe(2);
  });
});
