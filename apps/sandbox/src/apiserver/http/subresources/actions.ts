import { existsSync } from 'node:fs';
import { HotplugError } from '@dvp/hypervisor-agent/guest/hotplug';
import { errors, StatusError } from '../../errors.ts';
import type { KubeObject } from '../../types.ts';
import { refOf } from '../../../controllers/runtime/client.ts';
import {
  DVP,
  locateGuest,
  requireRunning,
  requireRunningOrMigrating,
  type SubresourceDeps,
} from './vm.ts';

const VMOP = refOf(DVP, 'VirtualMachineOperation');

function conflict(vm: KubeObject, why: string): StatusError {
  return errors.conflict(
    { group: DVP, resource: 'virtualmachines', name: vm.metadata.name ?? '' },
    why,
  );
}

/** Agent failures that describe the request's state (already attached, no slot) are 409s. */
async function agentCall<T>(vm: KubeObject, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof StatusError) throw e;
    if (e instanceof HotplugError) throw conflict(vm, e.message);
    throw conflict(vm, `the hypervisor could not carry it out: ${(e as Error).message}`);
  }
}

function required(q: URLSearchParams, name: string): string {
  const v = q.get(name);
  if (!v) throw errors.badRequest(`query parameter "${name}" is required`);
  return v;
}

/** Parses a Go duration (`30s`, `1m30s`, `500ms`) to milliseconds. */
export function parseGoDuration(text: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;
  const unit: Record<string, number> = {
    ns: 1e-6,
    us: 1e-3,
    µs: 1e-3,
    ms: 1,
    s: 1e3,
    m: 6e4,
    h: 3.6e6,
  };
  let total = 0;
  let consumed = 0;
  for (const m of text.matchAll(re)) {
    total += Number(m[1]) * (unit[m[2] ?? ''] ?? 0);
    consumed += m[0].length;
  }
  return consumed === text.length && consumed > 0 ? total : undefined;
}

/**
 * The PUT actions of the subresource API: `addvolume`/`removevolume` (hot-plug through the node's
 * agent), `freeze`/`unfreeze` (qemu-ga fsfreeze), `cancelevacuation` (cancels the VM's pending
 * `evacuation-*` operations). Answers 202 Accepted with no body, as virt-api does.
 */
export class VmActions {
  private readonly thawTimers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly deps: () => SubresourceDeps) {}

  async run(action: string, vm: KubeObject, q: URLSearchParams, body: unknown): Promise<void> {
    const deps = this.deps();
    const uid = vm.metadata.uid ?? '';
    switch (action) {
      case 'addvolume': {
        requireRunningOrMigrating(vm);
        const name = required(q, 'name');
        const kind = q.get('volumeKind') ?? 'VirtualDisk';
        if (!['VirtualDisk', 'VirtualImage', 'ClusterVirtualImage'].includes(kind))
          throw errors.badRequest(
            `volumeKind ${JSON.stringify(kind)} is not one of VirtualDisk, VirtualImage, ClusterVirtualImage`,
          );
        const pvc = q.get('pvcName');
        const image = q.get('image');
        if (!pvc && !image) throw errors.badRequest('either pvcName or image must be set');
        const path = pvc
          ? deps.paths.volumeFile(vm.metadata.namespace ?? '', pvc)
          : deps.paths.dvcrFile(image ?? '');
        if (!existsSync(path))
          throw errors.badRequest(
            pvc ? `PersistentVolumeClaim ${pvc} has no volume` : `image ${image} is not in DVCR`,
          );
        const { agent } = locateGuest(deps, vm);
        const serial = q.get('serial') ?? undefined;
        await agentCall(vm, () =>
          agent.hotplugDisk(uid, {
            id: name,
            path,
            kind: kind === 'VirtualDisk' ? 'disk' : 'image',
            ...(serial ? { serial } : {}),
          }),
        );
        return;
      }
      case 'removevolume': {
        requireRunningOrMigrating(vm);
        const name = required(q, 'name');
        const { agent } = locateGuest(deps, vm);
        await agentCall(vm, () => agent.unplugDisk(uid, name));
        return;
      }
      case 'freeze': {
        requireRunning(vm);
        const { guest } = locateGuest(deps, vm);
        const raw = (body as { unfreezeTimeout?: unknown } | undefined)?.unfreezeTimeout;
        const timeout = typeof raw === 'string' && raw ? parseGoDuration(raw) : undefined;
        if (typeof raw === 'string' && raw && timeout === undefined)
          throw errors.badRequest(`unfreezeTimeout ${JSON.stringify(raw)} is not a duration`);
        await agentCall(vm, () => guest.agent.fsFreeze());
        clearTimeout(this.thawTimers.get(uid));
        if (timeout) {
          const t = setTimeout(() => {
            this.thawTimers.delete(uid);
            void guest.agent.fsThaw().catch(() => undefined);
          }, timeout);
          t.unref();
          this.thawTimers.set(uid, t);
        }
        return;
      }
      case 'unfreeze': {
        requireRunning(vm);
        const { guest } = locateGuest(deps, vm);
        clearTimeout(this.thawTimers.get(uid));
        this.thawTimers.delete(uid);
        await agentCall(vm, () => guest.agent.fsThaw());
        return;
      }
      case 'cancelevacuation': {
        const { items } = await deps.client.list(VMOP, { namespace: vm.metadata.namespace });
        const evacuations = items.filter(
          (op) =>
            (op.spec as { virtualMachineName?: string } | undefined)?.virtualMachineName ===
              vm.metadata.name &&
            (op.metadata.name ?? '').startsWith('evacuation-') &&
            !['Completed', 'Failed'].includes((op.status as { phase?: string })?.phase ?? ''),
        );
        if (q.getAll('dryRun').length > 0) return;
        for (const op of evacuations)
          await deps.client.delete(VMOP, op.metadata.name ?? '', op.metadata.namespace);
        return;
      }
      default:
        throw errors.pathNotFound();
    }
  }

  close(): void {
    for (const t of this.thawTimers.values()) clearTimeout(t);
    this.thawTimers.clear();
  }
}
