import { matchSizingPolicy, type SizingPolicy } from '@dvp/api';
import type { KubeObject } from '../../apiserver/types.ts';
import { Controller } from '../runtime/controller.ts';
import type { ControllerContext } from '../runtime/context.ts';
import { refOf } from '../runtime/client.ts';
import { pendingChanges, restartRelevant } from './changes.ts';
import {
  resolveDevices,
  resolveIp,
  resolveUserData,
  type Check,
  type ComputeInformers,
} from './deps.ts';
import { guestSpecOf } from './guest-spec.ts';
import { placementOf, placedVms, schedulableNodes } from './placement.ts';
import { placeVm } from './scheduler.ts';
import { buildStatus, phaseOf, type VmView } from './vm-status.ts';
import type { VmRuntime, VmState } from './vm-runtime.ts';
import { recordTransitions, vmEvents } from './vm-events.ts';
import { canonical, mergePatch } from './json.ts';

export { canonical, mergePatch } from './json.ts';
import { migrateIfMisplaced } from './placement-migration.ts';
import { launcherPodsOf, launcherVmKey } from './launcher-pod.ts';
import { networksOf } from './vm-networks.ts';

const DVP = 'virtualization.deckhouse.io';
/** Finalizer that lets the controller stop the guest before the VM goes. */
export const VM_FINALIZER = 'virtualization-controller.deckhouse.io/virtualmachine';
const VM_REF = refOf(DVP, 'VirtualMachine');

/** Whether the VM should run under its run policy and remembered power state. */
export function wantsRunning(policy: string | undefined, power: 'on' | 'off' | undefined): boolean {
  switch (policy) {
    case 'AlwaysOn':
      return true;
    case 'AlwaysOff':
      return false;
    case 'Manual':
      return power === 'on';
    default:
      return power !== 'off';
  }
}

function sizingCheck(vm: KubeObject, cls: KubeObject | undefined): Check {
  const className = (vm.spec as { virtualMachineClassName?: string }).virtualMachineClassName ?? '';
  if (!cls) {
    return {
      ok: false,
      reason: 'VirtualMachineClassNotFound',
      message: `VirtualMachineClass "${className}" not found.`,
    };
  }
  if (cls.metadata.deletionTimestamp) {
    return {
      ok: false,
      reason: 'VirtualMachineClassTerminating',
      message: `VirtualMachineClass "${className}" is being deleted.`,
    };
  }
  const spec = vm.spec as {
    cpu: { cores: number; coreFraction?: string };
    memory: { size: string };
  };
  const policies = (cls.spec as { sizingPolicies?: SizingPolicy[] }).sizingPolicies ?? [];
  const m = matchSizingPolicy(
    {
      cores: spec.cpu.cores,
      memory: spec.memory.size,
      ...(spec.cpu.coreFraction ? { coreFraction: spec.cpu.coreFraction } : {}),
    },
    policies,
    { vmName: vm.metadata.name ?? '', className },
  );
  if (m.violations.length === 0) return { ok: true, reason: 'SizingPolicyMatched', message: '' };
  return {
    ok: false,
    reason: 'SizingPolicyNotMatched',
    message: m.violations.map((x) => x.message).join('; '),
  };
}

/**
 * The VirtualMachine controller: dependencies (class, block devices, IP, provisioning), run
 * policy, scheduling, starting and stopping real guests, restart-awaiting changes, ColdStandby
 * after a node failure, and the full status.
 */
export class VirtualMachineController extends Controller {
  constructor(
    ctx: ControllerContext,
    private readonly inf: ComputeInformers,
    private readonly rt: VmRuntime,
  ) {
    super(ctx, 'virtualmachine');
  }

  setup(): void {
    const { inf } = this;
    inf.vms.addHandler(this.self());
    const byNamespace = (o: KubeObject) => {
      for (const vm of inf.vms.list(o.metadata.namespace)) this.enqueue(vm);
    };
    const all = () => {
      for (const vm of inf.vms.list()) this.enqueue(vm);
    };
    const h = (fn: (o: KubeObject) => void) => ({ add: fn, update: fn, delete: fn });
    for (const i of [inf.disks, inf.images, inf.vmips, inf.secrets, inf.vmbdas, inf.vmmacs])
      i.addHandler(h(byNamespace));
    for (const i of [inf.clusterImages, inf.classes, inf.nodes, inf.storageClasses])
      i.addHandler(h(all));
    const byPod = (p: KubeObject) => {
      const vmKey = launcherVmKey(p);
      if (vmKey) this.enqueue(vmKey);
    };
    inf.pods.addHandler(h(byPod));
    this.rt.onChange((uid) => {
      const st = this.rt.find(uid);
      if (st) this.enqueue(st.key);
    });
  }

  override async stop(): Promise<void> {
    this.rt.close();
    await super.stop();
  }

  async reconcile(key: string): Promise<void> {
    const vm = this.inf.vms.getByKey(key);
    if (!vm) return;
    const uid = vm.metadata.uid ?? '';
    const st = this.rt.state(uid, key);
    const spec = vm.spec as Record<string, unknown> & {
      runPolicy?: string;
      virtualMachineClassName: string;
      terminationGracePeriodSeconds?: number;
      disruptions?: { restartApprovalMode?: string };
    };
    const finalizers = vm.metadata.finalizers ?? [];
    if (vm.metadata.deletionTimestamp) {
      const action = this.rt.action(uid);
      if (this.ctx.nodes.locate(uid) || action) {
        if (action?.type !== 'stop') this.rt.stop(st, { force: true });
        await this.write(vm, st, { phase: 'Terminating' });
        return;
      }
      await this.ctx.client.removeFinalizer(VM_REF, vm, VM_FINALIZER);
      this.rt.forget(uid);
      return;
    }
    if (!finalizers.includes(VM_FINALIZER)) {
      await this.ctx.client.addFinalizer(VM_REF, vm, VM_FINALIZER);
      return; // the update event brings us back
    }

    const cls = this.inf.classes.get(spec.virtualMachineClassName);
    const classCheck: Check = cls
      ? { ok: true, reason: 'VirtualMachineClassReady', message: '' }
      : {
          ok: false,
          reason: 'VirtualMachineClassNotReady',
          message: `VirtualMachineClass "${spec.virtualMachineClassName}" not found; create it or choose an existing class.`,
        };
    const devices = resolveDevices(this.ctx, this.inf, vm);
    const ip = resolveIp(this.inf, vm);
    const provisioning = resolveUserData(this.inf, vm);
    const policy = spec.runPolicy;
    const action = this.rt.action(uid);
    const loc = this.ctx.nodes.locate(uid);

    if (!loc && !action && st.node) this.guestEnded(vm, st, policy);
    const want = wantsRunning(policy, st.power);
    const depsOk = classCheck.ok && devices.check.ok && ip.ok && provisioning.ok;
    let placementMessage: string | undefined;
    const desired = restartRelevant(spec);
    const changes = loc && st.applied ? pendingChanges(st.applied, desired) : [];

    if (!action) {
      if (loc && !want) {
        this.rt.stop(st, { graceSeconds: spec.terminationGracePeriodSeconds ?? 60 });
      } else if (!loc && want && depsOk) {
        const req = placementOf(vm, cls);
        const res = placeVm(
          req,
          schedulableNodes(this.ctx, this.inf),
          placedVms(this.inf, this.rt, this.ctx),
        );
        if (res.node) {
          if (!st.launch.waitingForDependencies) {
            const created = Date.parse(vm.metadata.creationTimestamp ?? '') || Date.now();
            st.launch.waitingForDependencies = `${((Date.now() - created) / 1000).toFixed(3)}s`;
          }
          const gs = guestSpecOf(vm, devices.devices, {
            ...(provisioning.userData !== undefined
              ? { userData: (provisioning as { userData?: string }).userData }
              : {}),
            ...(ip.address ? { ip: ip.address } : {}),
          });
          this.rt.start(st, res.node, gs, desired);
        } else {
          placementMessage = res.message;
          this.enqueueAfter(key, 10_000);
        }
      } else if (
        loc &&
        want &&
        changes.length > 0 &&
        spec.disruptions?.restartApprovalMode === 'Automatic'
      ) {
        void this.ctx.events.record(
          vm,
          'Normal',
          'Restarted',
          'Restarting to apply changes (restartApprovalMode: Automatic).',
        );
        this.rt.stop(st, { graceSeconds: spec.terminationGracePeriodSeconds ?? 60 });
      } else if (loc && want) {
        await migrateIfMisplaced(this.ctx, this.inf, vm, loc.node, devices.localDisks.length === 0);
      }
    }
    if (st.startError && want && !loc && !this.rt.action(uid)) this.enqueueAfter(key, 10_000);

    const running = loc ? { node: loc.node, paused: loc.guest.phase === 'paused' } : undefined;
    const view: VmView = {
      vm,
      st,
      action: this.rt.action(uid),
      running,
      want,
      classCheck,
      sizing: sizingCheck(vm, cls),
      devices,
      ip,
      provisioning,
      ...(placementMessage ? { placementMessage } : {}),
      changes,
      pods: launcherPodsOf(this.ctx, this.inf, this.rt, key, uid),
      networks: networksOf(vm, this.inf.vmmacs.list(vm.metadata.namespace)),
    };
    await this.write(vm, st, view);
  }

  /** The guest went away without being asked: node failure, guest poweroff or crash. */
  private guestEnded(vm: KubeObject, st: VmState, policy: string | undefined): void {
    const node = st.node ?? '';
    const nodeDead = !this.ctx.nodes.agent(node);
    const poweroff = !nodeDead && st.lastExit?.reason === 'guest-shutdown';
    const why = nodeDead
      ? `node ${node} failed`
      : poweroff
        ? 'the guest powered itself off'
        : st.lastExit
          ? `the guest stopped unexpectedly (${st.lastExit.reason})`
          : 'the guest was lost while the sandbox was down';
    const restart =
      policy === 'AlwaysOn' || (policy !== 'Manual' && policy !== 'AlwaysOff' && !poweroff);
    if (restart) {
      void this.ctx.events.record(
        vm,
        'Warning',
        'Restarted',
        `The virtual machine is being restarted: ${why} (runPolicy ${policy ?? 'AlwaysOnUnlessStoppedManually'}).`,
      );
    } else {
      st.power = 'off';
      void this.ctx.events.record(vm, 'Normal', 'Stopped', `The virtual machine stopped: ${why}.`);
    }
    st.node = undefined;
    st.lastExit = undefined;
    st.agentReady = false;
    this.rt.save(st);
  }

  private async write(
    vm: KubeObject,
    st: VmState,
    view: VmView | { phase: string },
  ): Promise<void> {
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    let status: Record<string, unknown>;
    if ('vm' in view) {
      const phase = phaseOf(view);
      recordTransitions(this.rt, st, phase, now);
      status = buildStatus(view, phase, now);
    } else {
      status = { ...(vm.status ?? {}), phase: view.phase };
    }
    vmEvents(this.ctx, vm, status);
    const old = vm.status ?? {};
    if (canonical(old) === canonical(mergePatch(old, status))) return;
    await this.ctx.client.patchStatus(VM_REF, vm, status);
  }
}
