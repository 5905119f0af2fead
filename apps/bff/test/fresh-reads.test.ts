import type { KubeObject } from '@dvp/api';
import { describe, expect, it } from 'vitest';
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
