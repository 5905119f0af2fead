import {
  failureStatus,
  type KubeObject,
  type OwnerReference,
  type Status,
  type StatusReason,
} from '@dvp/api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { editOwnerReferences } from './owner-references.ts';

const vmOwner: OwnerReference = { apiVersion: 'v', kind: 'VirtualMachine', name: 'vm1', uid: 'u1' };
const other: OwnerReference = { apiVersion: 'v1', kind: 'ConfigMap', name: 'keeper', uid: 'u2' };
const params = { namespace: 'demo', resource: 'virtualmachineipaddresses', name: 'ip1' } as const;
const dropVm = (refs: OwnerReference[]) =>
  refs.some((r) => r.kind === 'VirtualMachine')
    ? refs.filter((r) => r.kind !== 'VirtualMachine')
    : undefined;

const json = (body: unknown, status = 200) =>
  Promise.resolve(
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }),
  );
const status = (code: number, reason: StatusReason) => failureStatus(code, reason, reason);

/**
 * A one-object API server: GET answers the object; a merge patch with a stale resourceVersion is
 * a 409, else it applies `metadata.ownerReferences` and bumps the version. `beforeGet` lets a
 * "controller" change the object between the console's read and its write.
 */
function server(refs: OwnerReference[]) {
  const state = {
    obj: { metadata: { name: 'ip1', resourceVersion: '1', ownerReferences: refs } } as KubeObject,
    patches: [] as unknown[],
    afterGet: undefined as (() => void) | undefined,
    fail: undefined as Status | undefined,
  };
  const bump = () => {
    state.obj.metadata.resourceVersion = String(Number(state.obj.metadata.resourceVersion) + 1);
  };
  vi.stubGlobal('fetch', (_url: string, init: RequestInit) => {
    if (init.method === 'GET') {
      const copy = structuredClone(state.obj);
      const hook = state.afterGet;
      state.afterGet = undefined;
      hook?.();
      return json(copy);
    }
    const body = JSON.parse(init.body as string) as {
      metadata: { resourceVersion: string; ownerReferences: OwnerReference[] | null };
    };
    state.patches.push(body);
    if (state.fail) return json(state.fail, state.fail.code);
    if (body.metadata.resourceVersion !== state.obj.metadata.resourceVersion)
      return json(status(409, 'Conflict'), 409);
    state.obj.metadata.ownerReferences = body.metadata.ownerReferences ?? undefined;
    bump();
    return json(state.obj);
  });
  return { state, bump };
}

describe('editOwnerReferences', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('writes the edited list with the read resourceVersion; null when none is left', async () => {
    const { state } = server([vmOwner]);
    await editOwnerReferences(params, dropVm);
    expect(state.patches).toEqual([{ metadata: { resourceVersion: '1', ownerReferences: null } }]);
    expect(state.obj.metadata.ownerReferences).toBeUndefined();
  });

  it('after a Conflict, re-reads and re-derives the edit (a change in between is kept)', async () => {
    const { state, bump } = server([vmOwner]);
    // The controller adds an owner between the first read and the write.
    state.afterGet = () => {
      state.obj.metadata.ownerReferences = [vmOwner, other];
      bump();
    };
    const done = editOwnerReferences(params, dropVm);
    await vi.runAllTimersAsync();
    await done;
    expect(state.patches).toHaveLength(2);
    expect(state.obj.metadata.ownerReferences).toEqual([other]);
  });

  it('writes nothing when the edit finds nothing to change', async () => {
    const { state } = server([other]);
    await editOwnerReferences(params, dropVm);
    expect(state.patches).toEqual([]);
  });

  it('gives up on other errors at once, and on Conflicts after five retries', async () => {
    const { state } = server([vmOwner]);
    state.fail = status(403, 'Forbidden');
    await expect(editOwnerReferences(params, dropVm)).rejects.toMatchObject({ code: 403 });
    expect(state.patches).toHaveLength(1);

    state.patches.length = 0;
    state.fail = status(409, 'Conflict');
    const done = editOwnerReferences(params, dropVm);
    const settled = expect(done).rejects.toMatchObject({ reason: 'Conflict' });
    await vi.runAllTimersAsync();
    await settled;
    expect(state.patches).toHaveLength(6);
  });
});
