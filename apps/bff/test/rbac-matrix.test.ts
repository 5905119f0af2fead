import { beforeAll, describe, expect, it } from 'vitest';
import { endpoints, VM_ACTIONS, type EndpointName, type KubeObject, type Status } from '@dvp/api';
import { DVP, dvpPath, seed, seedVm, setStatus, vmBody } from './data-fixtures.ts';
import { call, useStack, type SandboxUserName } from './harness.ts';

/**
 * Every mutating endpoint × every sandbox user, with the allow/deny the sandbox's RBAC gives
 * (apps/sandbox/src/auth/users.ts; dvp-api.md §15). Writes use dryRun=All so rows never change
 * what the next row sees. A denial must be the cluster's own 403 Status, never the BFF's guess.
 */

const USERS: SandboxUserName[] = ['admin', 'alice', 'dave', 'bob', 'carol', 'mallory'];
const NS = 'demo';
const api = `/api/v1/namespaces/${NS}`;

/** Mutating endpoints that write no Kubernetes object as the user, and why. */
const NOT_CLUSTER_WRITES: Partial<Record<EndpointName, string>> = {
  sessionCreate: "signs in: sets the BFF's own session cookie",
  sessionDelete: "signs out: clears the BFF's own session cookie",
  streamTopicsUpdate: "changes a browser stream's subscriptions (events are authorized per user)",
  uploadDelete: "cancels the caller's own upload session held by the BFF (others' ids are 404)",
};

interface Row {
  endpoint: EndpointName;
  label: string;
  method: string;
  path: string;
  body?: (user: SandboxUserName) => unknown;
  /** The Kubernetes verb and resource a denial names. */
  verb: string;
  resource: string;
  allowed: SandboxUserName[];
  code: number;
}

const rv: Record<string, string> = {};
const PROJECT_WRITERS: SandboxUserName[] = ['admin', 'alice'];
const OPERATORS: SandboxUserName[] = ['admin', 'alice', 'dave'];
const CATALOG_WRITERS: SandboxUserName[] = ['admin', 'carol'];
// An image's upload URL is its own capability (DVP): whoever may read the image may upload.
const IMAGE_READERS: SandboxUserName[] = ['admin', 'alice', 'dave', 'bob'];

const ROWS: Row[] = [
  {
    endpoint: 'vmCreate',
    label: 'vmCreate',
    method: 'POST',
    path: `${api}/virtualmachines?dryRun=All`,
    body: () => vmBody('matrix-new'),
    verb: 'create',
    resource: 'virtualmachines',
    allowed: PROJECT_WRITERS,
    code: 201,
  },
  {
    endpoint: 'vmPatch',
    label: 'vmPatch',
    method: 'PATCH',
    path: `${api}/virtualmachines/matrix?dryRun=All`,
    body: () => ({ metadata: { resourceVersion: rv.vm, labels: { row: 'patch' } } }),
    verb: 'patch',
    resource: 'virtualmachines',
    allowed: PROJECT_WRITERS,
    code: 200,
  },
  {
    endpoint: 'vmDelete',
    label: 'vmDelete',
    method: 'DELETE',
    path: `${api}/virtualmachines/matrix?dryRun=All`,
    verb: 'delete',
    resource: 'virtualmachines',
    allowed: PROJECT_WRITERS,
    code: 200,
  },
  ...VM_ACTIONS.map((action): Row => ({
    endpoint: 'vmAction',
    label: `vmAction ${action}`,
    method: 'POST',
    path: `${api}/virtualmachines/matrix/actions/${action}?dryRun=All`,
    body: () => (action === 'migrate' ? { targetNodeName: 'sandbox-node-1' } : {}),
    verb: 'create',
    resource: 'virtualmachineoperations',
    allowed: OPERATORS,
    code: 201,
  })),
  {
    endpoint: 'resourceCreate',
    label: 'resourceCreate virtualdisks',
    method: 'POST',
    path: `${api}/virtualdisks?dryRun=All`,
    body: () => ({
      metadata: { name: 'matrix-new' },
      spec: { persistentVolumeClaim: { size: '1Gi' } },
    }),
    verb: 'create',
    resource: 'virtualdisks',
    allowed: PROJECT_WRITERS,
    code: 201,
  },
  {
    endpoint: 'resourcePatch',
    label: 'resourcePatch virtualdisks',
    method: 'PATCH',
    path: `${api}/virtualdisks/matrix-disk?dryRun=All`,
    body: () => ({ metadata: { resourceVersion: rv.disk, labels: { row: 'patch' } } }),
    verb: 'patch',
    resource: 'virtualdisks',
    allowed: PROJECT_WRITERS,
    code: 200,
  },
  {
    endpoint: 'resourceDelete',
    label: 'resourceDelete virtualdisks',
    method: 'DELETE',
    path: `${api}/virtualdisks/matrix-disk?dryRun=All`,
    verb: 'delete',
    resource: 'virtualdisks',
    allowed: PROJECT_WRITERS,
    code: 200,
  },
  {
    endpoint: 'clusterResourceCreate',
    label: 'clusterResourceCreate virtualmachineclasses',
    method: 'POST',
    path: '/api/v1/cluster/virtualmachineclasses?dryRun=All',
    body: () => ({ metadata: { name: 'matrix-new' }, spec: { cpu: { type: 'Host' } } }),
    verb: 'create',
    resource: 'virtualmachineclasses',
    allowed: CATALOG_WRITERS,
    code: 201,
  },
  {
    endpoint: 'clusterResourcePatch',
    label: 'clusterResourcePatch virtualmachineclasses',
    method: 'PATCH',
    path: '/api/v1/cluster/virtualmachineclasses/matrix-class?dryRun=All',
    body: () => ({ metadata: { resourceVersion: rv.cls, labels: { row: 'patch' } } }),
    verb: 'patch',
    resource: 'virtualmachineclasses',
    allowed: CATALOG_WRITERS,
    code: 200,
  },
  {
    endpoint: 'clusterResourceDelete',
    label: 'clusterResourceDelete virtualmachineclasses',
    method: 'DELETE',
    path: '/api/v1/cluster/virtualmachineclasses/matrix-class?dryRun=All',
    verb: 'delete',
    resource: 'virtualmachineclasses',
    allowed: CATALOG_WRITERS,
    code: 200,
  },
  {
    endpoint: 'uploadCreate',
    label: 'uploadCreate virtualimages',
    method: 'POST',
    path: '/api/v1/uploads',
    // One image per user: a session belongs to one uploader.
    body: (user) => ({
      resource: 'virtualimages',
      namespace: NS,
      name: `upload-${user}`,
      size: 1024,
    }),
    verb: 'get',
    resource: 'virtualimages',
    allowed: IMAGE_READERS,
    code: 201,
  },
];

describe('RBAC matrix of every mutating endpoint', () => {
  const stack = useStack();

  beforeAll(async () => {
    const s = stack();
    rv.vm = (await seedVm(s, NS, 'matrix')).metadata.resourceVersion ?? '';
    const disk = await seed(s, NS, 'virtualdisks', {
      kind: 'VirtualDisk',
      metadata: { name: 'matrix-disk' },
      spec: { persistentVolumeClaim: { size: '1Gi' } },
    });
    rv.disk = disk.metadata.resourceVersion ?? '';
    const cls = await s.kube<KubeObject>('admin', {
      method: 'POST',
      path: '/apis/virtualization.deckhouse.io/v1alpha2/virtualmachineclasses',
      body: {
        apiVersion: DVP,
        kind: 'VirtualMachineClass',
        metadata: { name: 'matrix-class' },
        spec: { cpu: { type: 'Host' } },
      },
    });
    rv.cls = cls.metadata.resourceVersion ?? '';
    for (const user of USERS) {
      const name = `upload-${user}`;
      await seed(s, NS, 'virtualimages', {
        kind: 'VirtualImage',
        metadata: { name },
        spec: { storage: 'ContainerRegistry', dataSource: { type: 'Upload' } },
      });
      // What DVP's controller publishes when the image waits for its file (nothing reconciles here).
      await setStatus(s, NS, 'virtualimages', name, {
        phase: 'WaitForUserUpload',
        imageUploadURLs: { external: `https://127.0.0.1:9/upload/${name}` },
      });
    }
  });

  it('has a row for every mutating endpoint of the contract (and every VM action)', () => {
    const mutating = Object.values(endpoints)
      .filter((e) => e.method !== 'GET')
      .map((e) => e.name);
    const uncovered = mutating.filter(
      (name) => !ROWS.some((r) => r.endpoint === name) && !(name in NOT_CLUSTER_WRITES),
    );
    expect(uncovered).toEqual([]);
    expect(ROWS.filter((r) => r.endpoint === 'vmAction').length).toBe(VM_ACTIONS.length);
  });

  for (const row of ROWS) {
    it(`${row.label}: allowed for ${row.allowed.join(', ')}; the cluster's 403 for the others`, async () => {
      const answers = await Promise.all(
        USERS.map(async (user) => ({
          user,
          r: await call<Status | KubeObject>(stack(), user, row.method, row.path, row.body?.(user)),
        })),
      );
      for (const { user, r } of answers) {
        if (row.allowed.includes(user)) {
          expect({ user, status: r.status }).toEqual({ user, status: row.code });
        } else {
          expect({ user, status: r.status }).toEqual({ user, status: 403 });
          const st = r.body as Status;
          expect(st).toMatchObject({ kind: 'Status', reason: 'Forbidden', code: 403 });
          // kube's wording names the user, the verb and the resource: the cluster decided.
          expect(st.message).toContain(
            `User "${user}" cannot ${row.verb} resource "${row.resource}"`,
          );
        }
      }
    });
  }

  it('left everything as it was (all rows were dry runs)', async () => {
    const s = stack();
    const vm = await s.kube<KubeObject>('admin', {
      path: dvpPath(NS, 'virtualmachines', 'matrix'),
    });
    expect(vm.metadata.resourceVersion).toBe(rv.vm);
    const ops = await s.kube<{ items: unknown[] }>('admin', {
      path: dvpPath(NS, 'virtualmachineoperations'),
    });
    expect(ops.items).toEqual([]);
    await expect(
      s.kube('admin', { path: dvpPath(NS, 'virtualmachines', 'matrix-new') }),
    ).rejects.toMatchObject({ status: { code: 404 } });
  });
});
