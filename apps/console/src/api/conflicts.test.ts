import { failureStatus, type KubeObject, type StatusReason } from '@dvp/api';
import { describe, expect, it } from 'vitest';
import { writeOnUnchanged } from './conflicts.ts';
import { ApiError } from './errors.ts';

interface Obj extends KubeObject {
  spec: { size: string };
  status?: { phase: string };
}

const failure = (code: number, reason: StatusReason) =>
  new ApiError(failureStatus(code, reason, reason));

/**
 * One object on a server that checks resourceVersions: `write` applies `size` when the version
 * matches, else answers 409. `controller` writes before each of the user's writes (status, or a
 * spec change) while it has work left.
 */
function server(controller: ((o: Obj) => void)[] = []) {
  let obj: Obj = {
    apiVersion: 'v1',
    kind: 'Disk',
    metadata: { name: 'd1', resourceVersion: '1' },
    spec: { size: '1Gi' },
  };
  const writes: string[] = [];
  const bump = (o: Obj): Obj => ({
    ...o,
    metadata: { ...o.metadata, resourceVersion: String(Number(o.metadata.resourceVersion) + 1) },
  });
  return {
    writes,
    get obj() {
      return obj;
    },
    base: obj,
    write: (size: string) => (rv: string) => {
      const step = controller.shift();
      if (step) {
        obj = bump(structuredClone(obj));
        step(obj);
      }
      writes.push(rv);
      if (rv !== obj.metadata.resourceVersion) return Promise.reject(failure(409, 'Conflict'));
      obj = bump({ ...obj, spec: { size } });
      return Promise.resolve(obj);
    },
    read: () => Promise.resolve(structuredClone(obj)),
  };
}

/** The user's resize to 2Gi, edited on version 1 of the object. */
const resize = (s: ReturnType<typeof server>) =>
  writeOnUnchanged({
    resourceVersion: '1',
    write: s.write('2Gi'),
    read: s.read,
    same: (fresh) => fresh.spec.size === s.base.spec.size,
  });

describe('writeOnUnchanged', () => {
  it('writes once with the base resourceVersion when nothing else wrote', async () => {
    const s = server();
    const out = await resize(s);
    expect(out.spec.size).toBe('2Gi');
    expect(s.writes).toEqual(['1']);
  });

  it('sends the write again on the fresh copy after status-only writes', async () => {
    const s = server([
      (o) => (o.status = { phase: 'Resizing' }),
      (o) => (o.status = { phase: 'Ready' }),
    ]);
    const out = await resize(s);
    expect(out.spec.size).toBe('2Gi');
    expect(out.status).toEqual({ phase: 'Ready' });
    expect(s.writes).toEqual(['1', '2', '3']);
  });

  it('throws the Conflict when someone changed the edited part, and keeps their change', async () => {
    const s = server([(o) => (o.spec.size = '5Gi')]);
    const err = await resize(s).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).reason).toBe('Conflict');
    expect(s.obj.spec.size).toBe('5Gi');
    expect(s.writes).toEqual(['1']);
  });

  it('throws other errors at once, without reading', async () => {
    let reads = 0;
    const err = await writeOnUnchanged<Obj, never>({
      resourceVersion: '1',
      write: () => Promise.reject(failure(422, 'Invalid')),
      read: () => {
        reads += 1;
        return Promise.reject(new Error('not read'));
      },
      same: () => true,
    }).catch((e: unknown) => e);
    expect((err as ApiError).reason).toBe('Invalid');
    expect(reads).toBe(0);
  });

  it('gives up with the Conflict when the object keeps changing', async () => {
    const s = server(Array.from({ length: 20 }, () => (o: Obj) => (o.status = { phase: 'x' })));
    const err = await resize(s).catch((e: unknown) => e);
    expect((err as ApiError).reason).toBe('Conflict');
    expect(s.writes).toHaveLength(6);
    expect(s.obj.spec.size).toBe('1Gi');
  });
});
