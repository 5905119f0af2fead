import { describe, expect, it } from 'vitest';
import type { KubeObject, Status, VmDetail } from '@dvp/api';
import { dvpPath, seedVm } from './data-fixtures.ts';
import { call, useStack, type Stack } from './harness.ts';

const NS = 'demo';
const vmUrl = (name: string) => `/api/v1/namespaces/${NS}/virtualmachines/${name}`;

/** What the console's edit form does: load the VM page, then patch with the rv it loaded. */
async function load(stack: Stack, user: 'alice' | 'admin', name: string): Promise<string> {
  const r = await call<VmDetail>(stack, user, 'GET', vmUrl(name));
  expect(r.status).toBe(200);
  return r.body.vm.metadata.resourceVersion ?? '';
}

const edit = (stack: Stack, user: 'alice' | 'admin', name: string, rv: string, labels: object) =>
  call<KubeObject | Status>(stack, user, 'PATCH', vmUrl(name), {
    metadata: { resourceVersion: rv, labels },
  });

function expectConflict(r: { status: number; body: unknown }, name: string) {
  expect(r.status).toBe(409);
  // Everything the console needs to say "changed elsewhere, reload": reason, kind and name.
  expect(r.body).toMatchObject({
    kind: 'Status',
    status: 'Failure',
    code: 409,
    reason: 'Conflict',
    details: { name, kind: 'virtualmachines', group: 'virtualization.deckhouse.io' },
  });
  expect((r.body as Status).message).toContain('the object has been modified');
}

describe('concurrent edits of one VM', () => {
  const stack = useStack();

  it('refuses the second edit made from a stale resourceVersion with 409; the first stays', async () => {
    const s = stack();
    await seedVm(s, NS, 'shared');
    const aliceRv = await load(s, 'alice', 'shared');
    const adminRv = await load(s, 'admin', 'shared');
    expect(adminRv).toBe(aliceRv);

    const first = await edit(s, 'alice', 'shared', aliceRv, { owner: 'alice' });
    expect(first.status).toBe(200);
    const second = await edit(s, 'admin', 'shared', adminRv, { owner: 'admin', extra: 'x' });
    expectConflict(second, 'shared');

    const now = await s.kube<KubeObject>('admin', {
      path: dvpPath(NS, 'virtualmachines', 'shared'),
    });
    expect(now.metadata.labels).toEqual({ owner: 'alice' });

    // Reloading and reapplying works and keeps the first edit's other fields.
    const fresh = await load(s, 'admin', 'shared');
    const retry = await edit(s, 'admin', 'shared', fresh, { extra: 'x' });
    expect(retry.status).toBe(200);
    expect((retry.body as KubeObject).metadata.labels).toEqual({ owner: 'alice', extra: 'x' });
  });

  it('lets exactly one of two simultaneous edits win', async () => {
    const s = stack();
    await seedVm(s, NS, 'raced');
    const rv = await load(s, 'alice', 'raced');
    const answers = await Promise.all([
      edit(s, 'alice', 'raced', rv, { winner: 'alice' }),
      edit(s, 'admin', 'raced', rv, { winner: 'admin' }),
    ]);
    const codes = answers.map((a) => a.status).sort();
    expect(codes).toEqual([200, 409]);
    const won = answers.find((a) => a.status === 200)?.body as KubeObject;
    const lost = answers.find((a) => a.status === 409);
    if (lost) expectConflict(lost, 'raced');
    const now = await s.kube<KubeObject>('admin', {
      path: dvpPath(NS, 'virtualmachines', 'raced'),
    });
    expect(now.metadata.labels).toEqual(won.metadata.labels);
  });
});
