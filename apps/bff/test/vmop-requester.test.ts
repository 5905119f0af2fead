import { REQUESTED_BY_ANNOTATION, type KubeObject } from '@dvp/api';
import { describe, expect, it } from 'vitest';
import { withoutRequesterChange, withRequester } from '../src/data/writes.ts';
import { dvpPath, seedVm } from './data-fixtures.ts';
import { call, useStack } from './harness.ts';

const NS = 'demo';
const api = `/api/v1/namespaces/${NS}`;

describe('withRequester / withoutRequesterChange', () => {
  it('sets the requester over a claimed one and keeps the other annotations', () => {
    const body = {
      metadata: {
        generateName: 'vm-start-',
        annotations: { [REQUESTED_BY_ANNOTATION]: 'admin', note: 'kept' },
      },
      spec: { type: 'Start' },
    };
    expect(withRequester(body, 'dave')).toEqual({
      metadata: {
        generateName: 'vm-start-',
        annotations: { [REQUESTED_BY_ANNOTATION]: 'dave', note: 'kept' },
      },
      spec: { type: 'Start' },
    });
    // Who it was is not known: no claim survives either.
    expect(withRequester(body, undefined).metadata.annotations).toEqual({ note: 'kept' });
    expect(
      withRequester({ metadata: { annotations: { [REQUESTED_BY_ANNOTATION]: 'x' } } }, undefined),
    ).toEqual({ metadata: {} });
  });

  it('drops a patch’s change to the requester, nothing else', () => {
    const patch = {
      metadata: {
        resourceVersion: '7',
        annotations: { [REQUESTED_BY_ANNOTATION]: 'admin', note: 'new' },
      },
    };
    expect(withoutRequesterChange(patch)).toEqual({
      metadata: { resourceVersion: '7', annotations: { note: 'new' } },
    });
    const other = { metadata: { resourceVersion: '7', labels: { a: 'b' } } };
    expect(withoutRequesterChange(other)).toBe(other);
  });
});

describe('VirtualMachineOperations record who asked through the BFF', () => {
  const stack = useStack();
  const requester = (op: KubeObject) => op.metadata.annotations?.[REQUESTED_BY_ANNOTATION];

  it('an action’s operation names the authenticated user', async () => {
    await seedVm(stack(), NS, 'asked');
    const r = await call<KubeObject>(
      stack(),
      'dave',
      'POST',
      `${api}/virtualmachines/asked/actions/start`,
      {},
    );
    expect(r.status).toBe(201);
    expect(requester(r.body)).toBe('dave');
    // Stored so, as the cluster shows it to anyone.
    const stored = await stack().kube<KubeObject>('admin', {
      path: dvpPath(NS, 'virtualmachineoperations', r.body.metadata.name ?? ''),
    });
    expect(requester(stored)).toBe('dave');
  });

  it('a generic create cannot claim someone else; a patch cannot change it', async () => {
    await seedVm(stack(), NS, 'claimed');
    const created = await call<KubeObject>(
      stack(),
      'dave',
      'POST',
      `${api}/virtualmachineoperations`,
      {
        metadata: {
          generateName: 'claimed-stop-',
          annotations: { [REQUESTED_BY_ANNOTATION]: 'admin', 'example.com/ticket': 'T-1' },
        },
        spec: { type: 'Stop', virtualMachineName: 'claimed' },
      },
    );
    expect(created.status).toBe(201);
    expect(created.body.metadata.annotations).toEqual({
      [REQUESTED_BY_ANNOTATION]: 'dave',
      'example.com/ticket': 'T-1',
    });

    const name = created.body.metadata.name ?? '';
    const patched = await call<KubeObject>(
      stack(),
      'admin',
      'PATCH',
      `${api}/virtualmachineoperations/${name}`,
      {
        metadata: {
          resourceVersion: created.body.metadata.resourceVersion,
          annotations: { [REQUESTED_BY_ANNOTATION]: 'mallory', 'example.com/ticket': 'T-2' },
        },
      },
    );
    expect(patched.status).toBe(200);
    expect(patched.body.metadata.annotations).toEqual({
      [REQUESTED_BY_ANNOTATION]: 'dave',
      'example.com/ticket': 'T-2',
    });
  });

  it('other kinds are written as sent', async () => {
    const disk = await call<KubeObject>(stack(), 'alice', 'POST', `${api}/virtualdisks`, {
      metadata: { name: 'as-sent', annotations: { [REQUESTED_BY_ANNOTATION]: 'someone' } },
      spec: { persistentVolumeClaim: { size: '100Mi' } },
    });
    expect(disk.status).toBe(201);
    expect(requester(disk.body)).toBe('someone');
  });
});
