import type { LiveMigrationPolicy } from '@dvp/hypervisor-agent/guest/migration-policy';
import type { KubeObject } from '../../apiserver/types.ts';
import { Controller } from '../runtime/controller.ts';
import type { ControllerContext } from '../runtime/context.ts';
import { refOf } from '../runtime/client.ts';
import { keyOf } from '../runtime/informer.ts';
import type { ComputeInformers } from './deps.ts';
import { placedVms, placementOf, schedulableNodes } from './placement.ts';
import { placeVm } from './scheduler.ts';
import { COMPUTE_VMOP_TYPES, notApplicable, vmopStatus } from './vmop-rules.ts';
import type { VmRuntime } from './vm-runtime.ts';

const VMOP_REF = refOf('virtualization.deckhouse.io', 'VirtualMachineOperation');
const FINISHED = ['Completed', 'Failed', 'Superseded'];

interface OpSpec {
  type: string;
  virtualMachineName: string;
  force?: boolean;
  migrate?: { nodeSelector?: Record<string, string> };
}

/** In-memory progress of an operation this controller runs. */
interface Running {
  startedAt: string;
  stage: 'acting' | 'starting';
}

/**
 * Executes Start, Stop, Restart, Migrate and Evict operations on the guests through the shared
 * VM runtime; deleting an unfinished Migrate/Evict cancels its migration.
 */
export class VirtualMachineOperationController extends Controller {
  private readonly running = new Map<string, Running>();
  /**
   * Operations this controller finished (by uid). The informer may still show such an operation
   * InProgress for a moment after the final status write; without this, a reconcile in that
   * window would take it for one interrupted by a restart and overwrite the outcome.
   */
  private readonly finished = new Set<string>();

  constructor(
    ctx: ControllerContext,
    private readonly inf: ComputeInformers,
    private readonly rt: VmRuntime,
  ) {
    super(ctx, 'virtualmachineoperation');
  }

  setup(): void {
    this.inf.vmops.addHandler({
      add: (o) => this.enqueue(o),
      update: (o) => this.enqueue(o),
      delete: (o) => this.cancelOnDelete(o),
    });
    this.inf.vms.addHandler({
      update: (vm) => {
        for (const op of this.inf.vmops.list(vm.metadata.namespace)) {
          if ((op.spec as OpSpec).virtualMachineName === vm.metadata.name) this.enqueue(op);
        }
      },
    });
    this.rt.onChange((uid) => {
      const st = this.rt.find(uid);
      if (!st) return;
      const [ns, name] = st.key.split('/');
      for (const op of this.inf.vmops.list(ns)) {
        if ((op.spec as OpSpec).virtualMachineName === name) this.enqueue(op);
      }
    });
  }

  private cancelOnDelete(op: KubeObject): void {
    const spec = op.spec as OpSpec;
    if (spec.type !== 'Migrate' && spec.type !== 'Evict') return;
    const vm = this.inf.vms.get(spec.virtualMachineName, op.metadata.namespace);
    const action = vm ? this.rt.action(vm.metadata.uid ?? '') : undefined;
    if (action?.type === 'migrate' && action.operation === op.metadata.name) {
      action.cancel?.(`VirtualMachineOperation ${op.metadata.name ?? ''} was deleted`);
    }
    this.running.delete(keyOf(op));
    this.finished.delete(op.metadata.uid ?? '');
  }

  private async finish(
    op: KubeObject,
    phase: string,
    reason: string,
    message: string,
    extra: Record<string, unknown> = {},
  ) {
    this.running.delete(keyOf(op));
    this.finished.add(op.metadata.uid ?? '');
    await this.setStatus(op, phase, phase === 'Completed', reason, message, extra);
  }

  private async setStatus(
    op: KubeObject,
    phase: string,
    done: boolean,
    reason: string,
    message: string,
    extra: Record<string, unknown> = {},
  ) {
    const status = vmopStatus(op, phase, done, reason, message, extra);
    if (status) await this.ctx.client.patchStatus(VMOP_REF, op, status);
  }

  async reconcile(key: string): Promise<void> {
    const op = this.inf.vmops.getByKey(key);
    if (!op || op.metadata.deletionTimestamp) return;
    const spec = op.spec as OpSpec;
    if (!(COMPUTE_VMOP_TYPES as readonly string[]).includes(spec.type)) return;
    const phase = (op.status as { phase?: string } | undefined)?.phase;
    if ((phase && FINISHED.includes(phase)) || this.finished.has(op.metadata.uid ?? '')) return;
    const vm = this.inf.vms.get(spec.virtualMachineName, op.metadata.namespace);
    if (!vm) {
      await this.finish(
        op,
        'Failed',
        'VirtualMachineNotFound',
        `VirtualMachine "${spec.virtualMachineName}" not found.`,
      );
      return;
    }
    const run = this.running.get(key);
    if (!run) {
      if (phase === 'InProgress') {
        await this.finish(
          op,
          'Failed',
          'OperationFailed',
          'The operation was interrupted by a restart of the sandbox; create it again.',
        );
        return;
      }
      await this.begin(op, spec, vm);
      return;
    }
    await this.follow(op, spec, vm, run);
  }

  private async begin(op: KubeObject, spec: OpSpec, vm: KubeObject): Promise<void> {
    const key = keyOf(op);
    const vmStatus = (vm.status ?? {}) as {
      phase?: string;
      nodeName?: string;
      conditions?: { type: string; status: string; message?: string }[];
    };
    const vmSpec = vm.spec as {
      runPolicy?: string;
      terminationGracePeriodSeconds?: number;
      liveMigrationPolicy?: LiveMigrationPolicy;
    };
    const na = notApplicable(spec.type, vmStatus.phase, vmSpec.runPolicy, spec.force === true);
    if (na) {
      await this.finish(op, 'Failed', na.reason, na.message);
      return;
    }
    const uid = vm.metadata.uid ?? '';
    const st = this.rt.state(uid, keyOf(vm));
    const startedAt = new Date().toISOString();
    const grace = vmSpec.terminationGracePeriodSeconds ?? 60;
    switch (spec.type) {
      case 'Start':
        st.power = 'on';
        this.rt.save(st);
        this.rt.notify(uid);
        break;
      case 'Stop':
      case 'Restart':
        // Both stop the guest; a Restart leaves the power intent on, so the VM starts again.
        st.power = spec.type === 'Stop' ? 'off' : 'on';
        this.rt.save(st);
        this.rt.stop(st, {
          force: spec.force === true,
          graceSeconds: grace,
          operation: op.metadata.name ?? '',
        });
        break;
      default: {
        const migratable = vmStatus.conditions?.find((c) => c.type === 'Migratable');
        if (migratable?.status === 'False') {
          await this.finish(
            op,
            'Failed',
            'NotApplicableForVirtualMachinePhase',
            `The virtual machine cannot be migrated: ${migratable.message ?? 'not migratable'}`,
          );
          return;
        }
        const current = this.ctx.nodes.locate(uid)?.node ?? vmStatus.nodeName ?? '';
        const cls = this.inf.classes.get(
          (vm.spec as { virtualMachineClassName: string }).virtualMachineClassName,
        );
        const req = placementOf(vm, cls, {
          excludeNodes: [current],
          ...(spec.migrate?.nodeSelector ? { extraSelector: spec.migrate.nodeSelector } : {}),
        });
        const res = placeVm(
          req,
          schedulableNodes(this.ctx, this.inf),
          placedVms(this.inf, this.rt, this.ctx),
        );
        if (!res.node) {
          await this.finish(
            op,
            'Failed',
            'TargetUnschedulable',
            `No node to migrate to: ${res.message}`,
          );
          return;
        }
        this.rt.migrate(st, res.node, {
          operation: op.metadata.name ?? '',
          policy: vmSpec.liveMigrationPolicy ?? 'PreferSafe',
          ...(spec.force !== undefined ? { force: spec.force } : {}),
        });
      }
    }
    this.running.set(key, { startedAt, stage: 'acting' });
    const reason =
      spec.type === 'Migrate' || spec.type === 'Evict'
        ? 'MigrationPending'
        : `${spec.type}InProgress`;
    await this.setStatus(
      op,
      'InProgress',
      false,
      reason,
      '',
      spec.type === 'Migrate' || spec.type === 'Evict' ? { progress: '0%' } : {},
    );
  }

  private async follow(op: KubeObject, spec: OpSpec, vm: KubeObject, run: Running): Promise<void> {
    const uid = vm.metadata.uid ?? '';
    const st = this.rt.state(uid, keyOf(vm));
    const action = this.rt.action(uid);
    const loc = this.ctx.nodes.locate(uid);
    switch (spec.type) {
      case 'Start':
        if (loc && !action) await this.finish(op, 'Completed', 'OperationCompleted', '');
        else if (
          st.startError &&
          !action &&
          st.lastStartTime !== undefined &&
          st.lastStartTime < run.startedAt
        )
          await this.finish(
            op,
            'Failed',
            'OperationFailed',
            `The guest did not start: ${st.startError}`,
          );
        return;
      case 'Stop':
        if (!loc && !action) await this.finish(op, 'Completed', 'OperationCompleted', '');
        return;
      case 'Restart':
        if (loc && !action && (st.lastStartTime ?? '') > run.startedAt) {
          void this.ctx.events.record(
            vm,
            'Normal',
            'Restarted',
            `The virtual machine was restarted by ${op.metadata.name ?? ''}.`,
          );
          await this.finish(op, 'Completed', 'OperationCompleted', '');
        }
        return;
      default: {
        if (action?.type === 'migrate' && action.operation === op.metadata.name) {
          const p = action.progress;
          const percent = p?.progress?.percent ?? 0;
          await this.setStatus(
            op,
            'InProgress',
            false,
            p && p.state !== 'pending' ? 'MigrationRunning' : 'MigrationPrepareTarget',
            '',
            { progress: `${percent}%` },
          );
          return;
        }
        const m = st.migration;
        if (m?.result === 'Succeeded' && m.startTimestamp >= run.startedAt) {
          await this.finish(
            op,
            'Completed',
            'OperationCompleted',
            `Migrated from ${m.source.node} to ${m.target.node}.`,
            { progress: '100%' },
          );
        } else {
          await this.finish(
            op,
            'Failed',
            'Failed',
            `Migration failed: ${m?.message ?? 'unknown reason'}`,
          );
        }
      }
    }
  }
}
