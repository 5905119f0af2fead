import type { KubeObject } from '../../apiserver/types.ts';
import { Controller } from '../runtime/controller.ts';
import type { ControllerContext } from '../runtime/context.ts';
import { refOf } from '../runtime/client.ts';
import { canonical } from './vm-controller.ts';
import type { ComputeInformers } from './deps.ts';
import { classNodeSelector } from './placement.ts';
import { matchesSelector, type LabelSelector } from './scheduler.ts';

const CLASS_REF = refOf('virtualization.deckhouse.io', 'VirtualMachineClass');
const FEATURE_LABEL = 'cpu-feature.node.virtualization.deckhouse.io/';

function featuresOf(node: KubeObject): string[] {
  return Object.entries(node.metadata.labels ?? {})
    .filter(([k, v]) => k.startsWith(FEATURE_LABEL) && v === 'true')
    .map(([k]) => k.slice(FEATURE_LABEL.length));
}

/**
 * VirtualMachineClass status (dvp-api.md §5): `Ready` when some node can run its VMs,
 * `availableNodes` (not for Host/HostPassthrough), `cpuFeatures` for Features/Discovery classes,
 * and the `InUse` condition while VMs use it.
 */
export class VirtualMachineClassController extends Controller {
  constructor(
    ctx: ControllerContext,
    private readonly inf: ComputeInformers,
  ) {
    super(ctx, 'virtualmachineclass', 1);
  }

  setup(): void {
    this.inf.classes.addHandler(this.self());
    const all = () => {
      for (const c of this.inf.classes.list()) this.enqueue(c);
    };
    this.inf.nodes.addHandler({ add: all, update: all, delete: all });
    const byVm = (vm: KubeObject) =>
      this.enqueue((vm.spec as { virtualMachineClassName?: string }).virtualMachineClassName ?? '');
    this.inf.vms.addHandler({ add: byVm, delete: byVm });
  }

  async reconcile(key: string): Promise<void> {
    const cls = this.inf.classes.get(key);
    if (!cls) return;
    const spec = (cls.spec ?? {}) as {
      cpu?: { type?: string; features?: string[]; discovery?: { nodeSelector?: LabelSelector } };
    };
    const type = spec.cpu?.type ?? 'Host';
    const nodes = this.inf.nodes
      .list()
      .filter((n) => matchesSelector(n.metadata.labels ?? {}, classNodeSelector(cls)));
    const names = nodes.map((n) => n.metadata.name ?? '').sort();
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const status: Record<string, unknown> = {
      phase: cls.metadata.deletionTimestamp
        ? 'Terminating'
        : names.length > 0
          ? 'Ready'
          : 'Pending',
      observedGeneration: cls.metadata.generation ?? 1,
    };
    if (type !== 'Host' && type !== 'HostPassthrough') status.availableNodes = names;
    if (type === 'Features')
      status.cpuFeatures = { enabled: spec.cpu?.features ?? [], notEnabledCommon: [] };
    if (type === 'Discovery') {
      const pool = this.inf.nodes
        .list()
        .filter((n) => matchesSelector(n.metadata.labels ?? {}, spec.cpu?.discovery?.nodeSelector));
      const sets = pool.map(featuresOf);
      const common = sets.length
        ? (sets[0] ?? []).filter((f) => sets.every((s) => s.includes(f)))
        : [];
      status.cpuFeatures = { enabled: common.sort(), notEnabledCommon: [] };
    }
    const used = this.inf.vms
      .list()
      .filter(
        (vm) => (vm.spec as { virtualMachineClassName?: string }).virtualMachineClassName === key,
      );
    const old = (cls.status ?? {}) as {
      conditions?: { type: string; status: string; lastTransitionTime?: string }[];
    };
    const keep = (type: string, s: string) => {
      const prev = old.conditions?.find((c) => c.type === type);
      return prev?.status === s ? (prev.lastTransitionTime ?? now) : now;
    };
    const ready = names.length > 0 ? 'True' : 'False';
    status.conditions = [
      {
        type: 'Ready',
        status: ready,
        reason: ready === 'True' ? 'SuitableNodesFound' : 'NoSuitableNodesFound',
        message:
          ready === 'True'
            ? `${names.length} node(s) can run virtual machines of this class.`
            : 'No node matches the class nodeSelector and CPU requirements.',
        lastTransitionTime: keep('Ready', ready),
      },
      ...(used.length > 0
        ? [
            {
              type: 'InUse',
              status: 'True',
              reason: 'VirtualMachineClassInUse',
              message: `Used by ${used.length} virtual machine(s).`,
              lastTransitionTime: keep('InUse', 'True'),
            },
          ]
        : []),
    ];
    const current = Object.fromEntries(Object.entries(cls.status ?? {}));
    if (canonical(current) === canonical({ ...current, ...status })) return;
    await this.ctx.client.patchStatus(CLASS_REF, cls, status);
  }
}
