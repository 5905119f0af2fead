/**
 * `POST /api/v1/namespaces/{ns}/pods/{name}/eviction` (a policy/v1 `Eviction`), as DVP answers it
 * for virt-launcher pods: evicting the pod of a running, migratable VM starts an `evacuation-*`
 * Evict VirtualMachineOperation and answers 429 TooManyRequests (kubectl drain retries every
 * 5 s and the pod goes when the migration completes); a VM that cannot migrate answers 429 with
 * why; a pod of a stopped or unknown VM (or a stale migration source) is deleted (201).
 */
import type { StatusError } from '../errors.ts';
import { errors } from '../errors.ts';
import { deleteObject } from '../service/delete.ts';
import type { KubeObject, UserInfo } from '../types.ts';
import { decodeObject, readBody } from './body.ts';
import type { ResourceRequest } from './resources.ts';
import { sendJson } from './respond.ts';

const DVP = 'virtualization.deckhouse.io';
const FINISHED = ['Completed', 'Failed', 'Superseded'];
/** A migration that just completed: the VM status and pods follow within moments. */
const SETTLE_MS = 15_000;
/** After a failed evacuation, wait this long before creating another one. */
const RETRY_FAILED_MS = 30_000;

/** DVP's eviction webhook acts as virtualization-controller. */
const EVICTION_USER: UserInfo = {
  username: 'system:serviceaccount:d8-virtualization:virtualization-controller',
  groups: ['system:serviceaccounts', 'system:masters', 'system:authenticated'],
};

interface VmStatus {
  phase?: string;
  nodeName?: string;
  virtualMachinePods?: { name: string; active: boolean }[];
  conditions?: { type: string; status: string; message?: string }[];
}

interface OpView {
  name: string;
  type: string;
  phase: string;
  message: string;
  finishedAt: number;
  deleting: boolean;
}

/** The 429 kubectl drain retries on (kube answers evictions a PDB does not allow yet so). */
function tooMany(message: string, pod: string): StatusError {
  return errors.tooManyRequests(message, { group: '', resource: 'pods', name: pod });
}

function opsOf(r: ResourceRequest, ns: string, vm: string): OpView[] {
  const served = r.objects.registry.byGroupKind(DVP, 'VirtualMachineOperation');
  if (!served) return [];
  return r.objects.store
    .list(served.storage, ns)
    .map((s) => s.obj)
    .filter((o) => (o.spec as { virtualMachineName?: string }).virtualMachineName === vm)
    .map((o) => {
      const st = (o.status ?? {}) as {
        phase?: string;
        conditions?: { message?: string; lastTransitionTime?: string }[];
      };
      return {
        name: o.metadata.name ?? '',
        type: (o.spec as { type?: string }).type ?? '',
        phase: st.phase ?? 'Pending',
        message: st.conditions?.[0]?.message ?? '',
        finishedAt: Date.parse(st.conditions?.[0]?.lastTransitionTime ?? '') || 0,
        deleting: o.metadata.deletionTimestamp !== undefined,
      };
    });
}

function vmOf(r: ResourceRequest, pod: KubeObject): KubeObject | undefined {
  const owner = pod.metadata.ownerReferences?.find((o) => o.kind === 'VirtualMachine');
  const served = r.objects.registry.byGroupKind(DVP, 'VirtualMachine');
  if (!owner || !served) return undefined;
  const vm = r.objects.store.get(served.storage, pod.metadata.namespace ?? '', owner.name)?.obj;
  return vm?.metadata.uid === owner.uid ? vm : undefined;
}

async function deletePod(r: ResourceRequest, pod: KubeObject, dryRun: boolean): Promise<void> {
  await deleteObject(
    r.objects,
    r.served,
    pod.metadata.namespace ?? '',
    pod.metadata.name ?? '',
    { preconditions: { uid: pod.metadata.uid ?? '' }, ...(dryRun ? { dryRun: true } : {}) },
    r.user,
  );
  sendJson(r.res, 201, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    code: 201,
  });
}

/** Handles the `eviction` subresource of a Pod. */
export async function handleEviction(r: ResourceRequest): Promise<void> {
  if (r.attrs.verb !== 'create')
    throw errors.methodNotAllowed(
      'the server does not allow this method on the requested resource',
    );
  const ns = r.attrs.namespace;
  const name = r.attrs.name;
  const body = decodeObject(await readBody(r.req), r.req.headers['content-type']);
  if (body.kind !== 'Eviction')
    throw errors.badRequest(`expected an Eviction (policy/v1), got ${body.kind || 'no kind'}`);
  if (body.metadata.name && body.metadata.name !== name)
    throw errors.badRequest(
      `name in URL does not match name in Eviction object: ${name} != ${body.metadata.name}`,
    );
  const dry =
    r.url.searchParams.getAll('dryRun').length > 0 ||
    ((body as { deleteOptions?: { dryRun?: string[] } }).deleteOptions?.dryRun ?? []).length > 0;
  const pod = r.objects.getStored(r.served, ns, name).obj;
  const vm = vmOf(r, pod);
  if (!vm) return deletePod(r, pod, dry);
  const vmName = vm.metadata.name ?? '';
  const st = (vm.status ?? {}) as VmStatus;
  const entry = st.virtualMachinePods?.find((p) => p.name === name);
  const ops = opsOf(r, ns, vmName);
  const migration = ops.find(
    (o) =>
      (o.type === 'Evict' || o.type === 'Migrate') && !FINISHED.includes(o.phase) && !o.deleting,
  );
  const what = `VirtualMachine ${ns}/${vmName}`;
  if (!entry?.active) {
    if (st.phase === 'Migrating' && entry)
      throw tooMany(
        `Pod ${name} is the target of the live migration of ${what} in progress; retry when it finishes.`,
        name,
      );
    return deletePod(r, pod, dry);
  }
  const migratable = st.conditions?.find((c) => c.type === 'Migratable');
  if (migratable?.status === 'False')
    throw tooMany(
      `Cannot evict pod ${name}: ${what} cannot be live-migrated: ${migratable.message ?? 'not migratable'} Stop the virtual machine (or move its disks to shared storage) to free the node.`,
      name,
    );
  const evicting = `Eviction triggered evacuation of ${what}; the pod will be deleted when the migration completes`;
  if (migration)
    throw tooMany(
      `${evicting} (VirtualMachineOperation ${migration.name} is ${migration.phase}).`,
      name,
    );
  const other = ops.find((o) => !FINISHED.includes(o.phase) && !o.deleting);
  if (other)
    throw tooMany(
      `${what} has an unfinished ${other.type} operation (${other.name}); eviction waits for it.`,
      name,
    );
  const now = Date.now();
  const recent = ops
    .filter((o) => o.type === 'Evict' || o.type === 'Migrate')
    .sort((a, b) => b.finishedAt - a.finishedAt)[0];
  if (recent?.phase === 'Completed' && now - recent.finishedAt < SETTLE_MS)
    throw tooMany(`${evicting} (VirtualMachineOperation ${recent.name} completed).`, name);
  if (
    recent?.phase === 'Failed' &&
    recent.type === 'Evict' &&
    now - recent.finishedAt < RETRY_FAILED_MS
  )
    throw tooMany(
      `Evacuation of ${what} failed (VirtualMachineOperation ${recent.name}): ${recent.message} Retrying in ${Math.ceil((RETRY_FAILED_MS - (now - recent.finishedAt)) / 1000)} s.`,
      name,
    );
  const vmopServed = r.objects.registry.byGroupKind(DVP, 'VirtualMachineOperation');
  if (!vmopServed) throw errors.internal('VirtualMachineOperation is not served');
  const created = await r.objects.create(
    vmopServed,
    ns,
    {
      apiVersion: vmopServed.apiVersion,
      kind: 'VirtualMachineOperation',
      metadata: {
        generateName: `evacuation-${vmName}-`,
        namespace: ns,
        ownerReferences: [
          {
            apiVersion: vm.apiVersion,
            kind: vm.kind,
            name: vmName,
            uid: vm.metadata.uid ?? '',
            controller: true,
          },
        ],
      },
      spec: { type: 'Evict', virtualMachineName: vmName },
    },
    { user: EVICTION_USER, fieldManager: 'virtualization-controller', dryRun: dry },
  );
  throw tooMany(`${evicting} (VirtualMachineOperation ${created.obj.metadata.name ?? ''}).`, name);
}
