import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../src/sandbox.ts';
import { ApiError, refOf } from '../src/controllers/runtime/client.ts';
import { Informer } from '../src/controllers/runtime/informer.ts';
import type { KubeObject } from '../src/apiserver/types.ts';
import { startTestSandbox, useTestSandbox } from './harness.ts';
import { testClient } from './wait.ts';

const CM = refOf('', 'ConfigMap');

function configMap(name: string, data: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'demo' }, data };
}

describe('controller runtime against the API server', () => {
  const sb = useTestSandbox();

  it('turns error answers into ApiError with the kube Status', async () => {
    const c = testClient(sb());
    try {
      expect(await c.get(CM, 'missing', 'demo')).toBeUndefined();
      await c.create(CM, configMap('dup'));
      const err = await c.create(CM, configMap('dup')).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).code).toBe(409);
      expect((err as ApiError).reason).toBe('AlreadyExists');
      const stale = await c.get(CM, 'dup', 'demo');
      await c.patch(CM, 'dup', 'demo', { data: { a: '1' } });
      const conflict = await c.update(CM, stale as KubeObject).catch((e: unknown) => e);
      expect((conflict as ApiError).code).toBe(409);
      expect((conflict as ApiError).reason).toBe('Conflict');
    } finally {
      c.close();
    }
  });

  it('a user without rights gets 403 as ApiError', async () => {
    const c = testClient(sb(), 'mallory');
    try {
      const err = await c.list(CM, { namespace: 'demo' }).catch((e: unknown) => e);
      expect((err as ApiError).code).toBe(403);
    } finally {
      c.close();
    }
  });

  it('an informer lists, then sees adds, updates and deletes in order', async () => {
    const c = testClient(sb());
    const inf = new Informer(c, CM);
    const log: string[] = [];
    inf.addHandler({
      add: (o) => log.push(`add ${o.metadata.name}`),
      update: (o) => log.push(`update ${o.metadata.name} ${JSON.stringify(o.data)}`),
      delete: (o) => log.push(`delete ${o.metadata.name}`),
    });
    inf.addIndex('key', (o) => Object.keys((o.data as Record<string, string>) ?? {}));
    try {
      await c.create(CM, configMap('before'));
      inf.start();
      await inf.synced;
      expect(inf.get('before', 'demo')).toBeDefined();
      const seen = new Promise<void>((resolve) =>
        inf.addHandler({ delete: (o) => o.metadata.name === 'later' && resolve() }),
      );
      await c.create(CM, configMap('later'));
      await c.patch(CM, 'later', 'demo', { data: { x: '1' } });
      await c.delete(CM, 'later', 'demo');
      await seen;
      expect(log.filter((l) => l.includes('later'))).toEqual([
        'add later',
        'update later {"x":"1"}',
        'delete later',
      ]);
      expect(inf.get('later', 'demo')).toBeUndefined();
      expect(inf.byIndex('key', 'x')).toEqual([]);
    } finally {
      inf.stop();
      c.close();
    }
  });
});

describe('informer across an API server restart', () => {
  it('reconnects, gets 410 Gone, relists and catches up with changes made while away', async () => {
    const first = await startTestSandbox({ controllers: false });
    const { dataDir, port } = first;
    const c = testClient(first);
    await c.create(CM, configMap('kept'));
    await c.create(CM, configMap('gone'));
    const inf = new Informer(c, CM);
    const deleted = new Promise<string>((resolve) =>
      inf.addHandler({ delete: (o) => resolve(o.metadata.name ?? '') }),
    );
    inf.start();
    await inf.synced;
    await first.close();
    // Same port and data dir: the informer's watch resumes against a server whose resource
    // versions moved on, so it must relist and replay the deletion it missed.
    const second = await startSandbox({
      dataDir,
      listen: `127.0.0.1:${port}`,
      gatewayListen: '127.0.0.1:0',
      controllers: false,
    });
    try {
      const admin = testClient(second);
      await admin.delete(CM, 'gone', 'demo');
      admin.close();
      expect(await deleted).toBe('gone');
      expect(inf.get('kept', 'demo')).toBeDefined();
      expect(inf.get('gone', 'demo')).toBeUndefined();
    } finally {
      inf.stop();
      c.close();
      await second.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a watch from a previous run is told 410 in an ERROR event', async () => {
    const first = await startTestSandbox({ controllers: false });
    let c = testClient(first);
    await c.create(CM, configMap('x'));
    const { resourceVersion } = await c.list(CM, { namespace: 'demo' });
    c.close();
    await first.close();
    const second = await startTestSandbox({ dataDir: first.dataDir, controllers: false });
    c = testClient(second);
    try {
      const events: { type: string; code?: number }[] = [];
      await c.watch(
        CM,
        { resourceVersion },
        (e) => events.push({ type: e.type, code: (e.object as { code?: number }).code }),
        new AbortController().signal,
      );
      expect(events).toEqual([{ type: 'ERROR', code: 410 }]);
    } finally {
      c.close();
      await second.stop();
      rmSync(first.dataDir, { recursive: true, force: true });
    }
  });
});
