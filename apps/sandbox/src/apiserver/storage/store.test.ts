import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.ts';
import { Store, type StoreEvent } from './store.ts';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'dvp-store-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const vm = (name: string, ns = 'demo', cores = 1): KubeObject => ({
  apiVersion: 'virtualization.deckhouse.io/v1alpha2',
  kind: 'VirtualMachine',
  metadata: { name, namespace: ns },
  spec: { cpu: { cores } },
});
const R = 'virtualization.deckhouse.io/virtualmachines';

describe('Store', () => {
  it('assigns increasing resourceVersions and lists in namespace/name order', async () => {
    const s = await Store.open(undefined);
    const b = await s.put(R, vm('b'));
    const a = await s.put(R, vm('a'));
    const c = await s.put(R, vm('c', 'other'));
    expect(Number(a.obj.metadata.resourceVersion)).toBeGreaterThan(
      Number(b.obj.metadata.resourceVersion),
    );
    expect(s.list(R).map((x) => x.obj.metadata.name)).toEqual(['a', 'b', 'c']);
    expect(s.list(R, 'demo').map((x) => x.obj.metadata.name)).toEqual(['a', 'b']);
    expect(s.currentRv).toBe(c.rv);
  });

  it('counts a change as committed only once it is durable and delivered', async () => {
    const s = await Store.open(tempDir());
    const seen: number[] = [];
    s.subscribe(R, (ev) => seen.push(ev.rv));
    const before = s.committedRv;
    const first = s.put(R, vm('a'));
    const second = s.put(R, vm('b'));
    // Both have resourceVersions (and are readable); neither is on disk or delivered yet.
    expect(s.currentRv).toBe(before + 2);
    expect(s.committedRv).toBe(before);
    const a = await first;
    expect(s.committedRv).toBeGreaterThanOrEqual(a.rv);
    expect(seen).toContain(a.rv);
    const b = await second;
    expect(s.committedRv).toBe(b.rv);
    expect(seen).toEqual([a.rv, b.rv]);
  });

  it('recovers every acknowledged write after reopening, and keeps counting up', async () => {
    const dir = tempDir();
    const s1 = await Store.open(dir);
    await s1.put(R, vm('a'));
    await s1.put(R, vm('b'));
    await s1.put(R, vm('a', 'demo', 4));
    await s1.remove(R, 'demo', 'b');
    const rvBefore = s1.currentRv;
    await s1.close();

    const s2 = await Store.open(dir);
    expect(s2.list(R).map((x) => x.obj.metadata.name)).toEqual(['a']);
    expect(s2.get(R, 'demo', 'a')?.obj.spec).toEqual({ cpu: { cores: 4 } });
    expect(s2.currentRv).toBeGreaterThan(rvBefore);
    const next = await s2.put(R, vm('c'));
    expect(next.rv).toBeGreaterThan(rvBefore);
    await s2.close();
  });

  it('drops a torn, never-acknowledged last record on recovery', async () => {
    const dir = tempDir();
    const s1 = await Store.open(dir);
    await s1.put(R, vm('kept'));
    await s1.close();
    // Reopen compacts into a snapshot; then simulate a crash mid-append.
    const s2 = await Store.open(dir);
    await s2.put(R, vm('also-kept'));
    await s2.close();
    appendFileSync(join(dir, 'store.log'), '{"rv":99,"op":"put","key":"x|demo|torn","obj":{"meta');
    const s3 = await Store.open(dir);
    expect(s3.list(R).map((x) => x.obj.metadata.name)).toEqual(['also-kept', 'kept']);
    expect(s3.currentRv).toBeLessThan(99);
    await s3.close();
  });

  it('ignores log records already folded into the snapshot', async () => {
    const dir = tempDir();
    const s1 = await Store.open(dir);
    await s1.put(R, vm('a'));
    await s1.close();
    const snap = readFileSync(join(dir, 'store.log'), 'utf8');
    const s2 = await Store.open(dir); // compacts
    await s2.close();
    // A crash between the snapshot rename and the log truncation leaves the old log behind.
    writeFileSync(join(dir, 'store.log'), snap);
    const s3 = await Store.open(dir);
    expect(s3.list(R)).toHaveLength(1);
    await s3.close();
  });

  it('replays history after a resourceVersion and reports expired positions after a restart', async () => {
    const dir = tempDir();
    const s1 = await Store.open(dir);
    const first = await s1.put(R, vm('a'));
    await s1.put(R, vm('b'));
    await s1.remove(R, 'demo', 'a');
    const since = s1.eventsSince(R, first.rv);
    expect(
      since === 'expired' ? since : since.map((e) => `${e.type} ${e.stored.obj.metadata.name}`),
    ).toEqual(['ADDED b', 'DELETED a']);
    const rv = s1.currentRv;
    await s1.close();
    const s2 = await Store.open(dir);
    // Positions from before the restart are expired; the restarted server's own position is not.
    expect(s2.eventsSince(R, first.rv)).toBe('expired');
    expect(s2.eventsSince(R, rv)).toBe('expired');
    expect(s2.eventsSince(R, s2.currentRv)).toEqual([]);
    await s2.close();
  });

  it('notifies subscribers in resourceVersion order, after the write is durable', async () => {
    const s = await Store.open(tempDir());
    const seen: StoreEvent[] = [];
    s.subscribe(R, (e) => seen.push(e));
    await Promise.all([s.put(R, vm('a')), s.put(R, vm('b')), s.put(R, vm('a', 'demo', 2))]);
    expect(seen.map((e) => e.type)).toEqual(['ADDED', 'ADDED', 'MODIFIED']);
    expect(seen.map((e) => e.rv)).toEqual([...seen.map((e) => e.rv)].sort((x, y) => x - y));
    expect(seen[2]?.previous?.obj.spec).toEqual({ cpu: { cores: 1 } });
    await s.close();
  });
});
