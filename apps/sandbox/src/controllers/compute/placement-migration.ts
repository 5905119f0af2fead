import type { KubeObject } from '../../apiserver/types.ts';
import type { ControllerContext } from '../runtime/context.ts';
import { refOf } from '../runtime/client.ts';
import type { ComputeInformers } from './deps.ts';
import { classNodeSelector } from './placement.ts';
import { matchesSelector, type LabelSelector } from './scheduler.ts';

const FINISHED = ['Completed', 'Failed', 'Superseded'];

/** True when the node still satisfies the VM's (and its class's) required placement. */
export function nodeFits(vm: KubeObject, cls: KubeObject | undefined, node: KubeObject): boolean {
  const labels = node.metadata.labels ?? {};
  const spec = vm.spec as {
    nodeSelector?: Record<string, string>;
    affinity?: {
      nodeAffinity?: {
        requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: LabelSelector[] };
      };
    };
  };
  if (Object.entries(spec.nodeSelector ?? {}).some(([k, v]) => labels[k] !== v)) return false;
  if (!matchesSelector(labels, classNodeSelector(cls))) return false;
  const terms =
    spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  return !terms || terms.some((t) => matchesSelector(labels, t));
}

/**
 * Starts a live migration (`nodeplacement-update-*` Migrate VMOP) when the VM's node no longer
 * fits its placement, unless an operation for the VM is already unfinished. Draining a node is
 * `kubectl drain` on the VM's virt-launcher pod: its eviction starts the `evacuation-*` VMOP (see
 * the API server's eviction handler).
 */
export async function migrateIfMisplaced(
  ctx: ControllerContext,
  inf: ComputeInformers,
  vm: KubeObject,
  nodeName: string,
  migratable: boolean,
): Promise<void> {
  const node = inf.nodes.get(nodeName);
  if (!node || !migratable) return;
  const cls = inf.classes.get(
    (vm.spec as { virtualMachineClassName: string }).virtualMachineClassName,
  );
  if (nodeFits(vm, cls, node)) return;
  const name = vm.metadata.name ?? '';
  const ns = vm.metadata.namespace ?? '';
  const busy = inf.vmops
    .list(ns)
    .some(
      (op) =>
        (op.spec as { virtualMachineName?: string }).virtualMachineName === name &&
        !FINISHED.includes((op.status as { phase?: string } | undefined)?.phase ?? '') &&
        !op.metadata.deletionTimestamp,
    );
  if (busy) return;
  // One attempt per VM generation every 30 s: a failed migration (no target) is not a hot loop.
  const attempt = `${vm.metadata.uid ?? ''}/gen:${vm.metadata.generation ?? 0}`;
  const last = attempts.get(attempt) ?? 0;
  if (Date.now() - last < 30_000) return;
  attempts.set(attempt, Date.now());
  await ctx.client
    .create(
      refOf('virtualization.deckhouse.io', 'VirtualMachineOperation'),
      {
        apiVersion: 'virtualization.deckhouse.io/v1alpha2',
        kind: 'VirtualMachineOperation',
        metadata: {
          generateName: `nodeplacement-update-${name}-`,
          namespace: ns,
          ownerReferences: [
            {
              apiVersion: vm.apiVersion,
              kind: vm.kind,
              name,
              uid: vm.metadata.uid ?? '',
              controller: true,
            },
          ],
        },
        spec: { type: 'Migrate', virtualMachineName: name },
      },
      ns,
    )
    .catch(() => undefined); // refused while another operation runs: the next reconcile retries
}

const attempts = new Map<string, number>();
