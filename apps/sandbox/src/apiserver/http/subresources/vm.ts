import type { Guest } from '@dvp/hypervisor-agent/guest/guest';
import type { HypervisorAgent } from '@dvp/hypervisor-agent';
import { refOf, type KubeClient } from '../../../controllers/runtime/client.ts';
import type { EventRecorder } from '../../../controllers/runtime/events.ts';
import type { NodePool } from '../../../nodes/pool.ts';
import type { StoragePaths } from '../../../storage/paths.ts';
import { errors } from '../../errors.ts';
import type { KubeObject } from '../../types.ts';

/** What the subresource API needs once the sandbox's controller context exists. */
export interface SubresourceDeps {
  /** A client acting as virtualization-api's service account (reads VMs, writes Leases/Events). */
  client: KubeClient;
  events: EventRecorder;
  nodes: NodePool;
  paths: StoragePaths;
}

export const DVP = 'virtualization.deckhouse.io';
export const VM_REF = refOf(DVP, 'VirtualMachine');

/** The VM a subresource request names, or a kube 404 as kube-apiserver words it. */
export async function getVm(deps: SubresourceDeps, namespace: string, name: string) {
  const vm = await deps.client.get(VM_REF, name, namespace);
  if (!vm) throw errors.notFound({ group: DVP, resource: 'virtualmachines', name });
  return vm;
}

export const phaseOf = (vm: KubeObject): string =>
  (vm.status as { phase?: string } | undefined)?.phase ?? '';

/** DVP's precondition of console, VNC and port-forward. */
export function requireRunningOrMigrating(vm: KubeObject): void {
  if (!['Running', 'Migrating'].includes(phaseOf(vm)))
    throw errors.badRequest('VirtualMachine is not Running or Migrating');
}

/** DVP's precondition of freeze/unfreeze and the volume actions. */
export function requireRunning(vm: KubeObject): void {
  if (phaseOf(vm) !== 'Running') throw errors.badRequest('VirtualMachine is not Running');
}

/** The running guest of a VM on its node's agent (guest id = VM uid). */
export function locateGuest(
  deps: SubresourceDeps,
  vm: KubeObject,
): { node: string; agent: HypervisorAgent; guest: Guest } {
  const found = deps.nodes.locate(vm.metadata.uid ?? '');
  if (!found) {
    throw errors.serviceUnavailable(
      `the guest of VirtualMachine ${vm.metadata.namespace}/${vm.metadata.name} is not running on any node (it may be starting or stopping); try again in a few seconds`,
    );
  }
  return found;
}
