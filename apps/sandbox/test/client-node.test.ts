import * as k8s from '@kubernetes/client-node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/sandbox.ts';
import { vmManifest } from './harness.ts';

const G = { group: 'virtualization.deckhouse.io', version: 'v1alpha2', plural: 'virtualmachines' };
const dataDir = mkdtempSync(join(tmpdir(), 'dvp-client-node-'));
let sandbox: Sandbox | undefined;
afterAll(async () => {
  await sandbox?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

type Vm = k8s.KubernetesObject & { spec: { cpu: { cores: number } } };

/** Resolves when `predicate` holds for the informer's cache, checked on every informer event. */
function until(
  inf: k8s.Informer<Vm> & k8s.ObjectCache<Vm>,
  predicate: () => boolean,
): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (predicate()) resolve();
    };
    for (const ev of ['add', 'update', 'delete'] as const) inf.on(ev, check);
    inf.on('connect', check);
    check();
  });
}

describe('@kubernetes/client-node against the sandbox', () => {
  it('informer receives every change, relists after a restart and converges; stale watches get 410', async () => {
    // The client's semantics only: DVP controllers would add their own updates to these VMs.
    sandbox = await startSandbox({
      dataDir,
      listen: '127.0.0.1:0',
      gatewayListen: '127.0.0.1:0',
      controllers: false,
    });
    const port = sandbox.port;
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(sandbox.kubeconfigPath);
    const api = kc.makeApiClient(k8s.CustomObjectsApi);
    const path = `/apis/${G.group}/${G.version}/namespaces/demo/${G.plural}`;
    const inf = k8s.makeInformer<Vm>(
      kc,
      path,
      () =>
        api.listNamespacedCustomObject({ ...G, namespace: 'demo' }) as Promise<
          k8s.KubernetesListObject<Vm>
        >,
    );
    const seen: string[] = [];
    inf.on('add', (o) => seen.push(`add ${o.metadata?.name ?? ''}`));
    inf.on('update', (o) => seen.push(`update ${o.metadata?.name ?? ''} ${o.spec.cpu.cores}`));
    inf.on('delete', (o) => seen.push(`delete ${o.metadata?.name ?? ''}`));
    let errors = 0;
    inf.on('error', () => {
      errors++;
      // client-node informers stop on connection errors; restart as a controller would.
      setTimeout(() => void inf.start(), 200);
    });
    await inf.start();

    await api.createNamespacedCustomObject({ ...G, namespace: 'demo', body: vmManifest('a') });
    await api.createNamespacedCustomObject({ ...G, namespace: 'demo', body: vmManifest('b') });
    await api.patchNamespacedCustomObject(
      { ...G, namespace: 'demo', name: 'a', body: { spec: { cpu: { cores: 2 } } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    await api.deleteNamespacedCustomObject({ ...G, namespace: 'demo', name: 'b' });
    await until(inf, () => seen.includes('delete b'));
    expect(seen).toEqual(['add a', 'add b', 'update a 2', 'delete b']);

    // Restart the sandbox on the same port; while it is down, nothing can change.
    await sandbox.close();
    sandbox = await startSandbox({
      dataDir,
      listen: `127.0.0.1:${port}`,
      gatewayListen: '127.0.0.1:0',
      controllers: false,
    });
    await api.createNamespacedCustomObject({ ...G, namespace: 'demo', body: vmManifest('c') });
    await api.deleteNamespacedCustomObject({ ...G, namespace: 'demo', name: 'a' });
    await until(inf, () => {
      const names = inf
        .list('demo')
        .map((o) => o.metadata?.name)
        .sort();
      return names.length === 1 && names[0] === 'c';
    });
    expect(errors).toBeGreaterThan(0);
    expect(inf.list('demo').map((o) => o.metadata?.name)).toEqual(['c']);
    await inf.stop();

    // A watch from a resourceVersion older than the retained window gets a 410 Expired event.
    const watch = new k8s.Watch(kc);
    const expired = await new Promise<{ type: string; obj: { code?: number; reason?: string } }>(
      (resolve, reject) => {
        void watch
          .watch(
            path,
            { resourceVersion: '1' },
            (type, obj: { code?: number; reason?: string }) => resolve({ type, obj }),
            (err) => {
              if (err) reject(err as Error);
            },
          )
          .catch(reject);
      },
    );
    expect(expired.type).toBe('ERROR');
    expect(expired.obj).toMatchObject({ code: 410, reason: 'Expired' });
  }, 60_000);
});
