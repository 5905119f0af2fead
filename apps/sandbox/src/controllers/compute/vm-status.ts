import { cpuTopology, setCondition, type ConditionLike } from '@dvp/api';
import type { KubeObject } from '../../apiserver/types.ts';
import type { PendingChange } from './changes.ts';
import type { Check } from './deps.ts';
import type { ResolvedDevice } from './guest-spec.ts';
import { bootOrdered } from './guest-spec.ts';
import { networkReady, type NetworkStatus } from './vm-networks.ts';
import type { VmAction, VmState } from './vm-runtime.ts';

/** Everything the status of a VM is computed from. */
export interface VmView {
  vm: KubeObject;
  st: VmState;
  action: VmAction | undefined;
  running: { node: string; paused: boolean } | undefined;
  want: boolean;
  classCheck: Check;
  sizing: Check;
  devices: { check: Check; devices: ResolvedDevice[]; localDisks: string[] };
  ip: Check & { name?: string; address?: string };
  provisioning: Check;
  placementMessage?: string;
  changes: PendingChange[];
  /** The VM's virt-launcher pods (`active`: the one running the guest). */
  pods: { name: string; active: boolean }[];
  /** `status.networks[]` (see `networksOf`). */
  networks: NetworkStatus[];
}

/** The VM phase from its state, action and dependencies. */
export function phaseOf(v: VmView): string {
  if (v.vm.metadata.deletionTimestamp) return 'Terminating';
  if (v.action?.type === 'migrate') return 'Migrating';
  if (v.action?.type === 'start') return 'Starting';
  if (v.action?.type === 'stop') return 'Stopping';
  if (v.running) return v.running.paused ? 'Pause' : 'Running';
  const depsOk = v.classCheck.ok && v.devices.check.ok && v.ip.ok && v.provisioning.ok;
  if (v.want && !depsOk) return 'Pending';
  if (v.want) return 'Starting';
  return 'Stopped';
}

/** Millicores a VM requests: cores × coreFraction. */
export function requestedMilli(spec: { cpu: { cores: number; coreFraction?: string } }): number {
  const f = Number.parseInt(spec.cpu.coreFraction ?? '100', 10);
  return Math.round(spec.cpu.cores * 1000 * ((Number.isNaN(f) ? 100 : f) / 100));
}

function cond(type: string, ok: boolean | 'Unknown', reason: string, message = ''): ConditionLike {
  return {
    type,
    status: ok === 'Unknown' ? 'Unknown' : ok ? 'True' : 'False',
    reason,
    message,
  };
}

function targets(devices: ResolvedDevice[]): Map<string, string> {
  const out = new Map<string, string>();
  let disk = 0;
  for (const d of bootOrdered(devices)) out.set(d.id, `vd${String.fromCharCode(97 + disk++)}`);
  return out;
}

/** The full `status` of a VM (fields that no longer apply are null, to clear them). */
export function buildStatus(v: VmView, phase: string, now: string): Record<string, unknown> {
  const { vm, st } = v;
  const old = (vm.status ?? {}) as { conditions?: ConditionLike[] };
  const spec = vm.spec as {
    cpu: { cores: number; coreFraction?: string };
    memory: { size: string };
    blockDeviceRefs: { kind: string; name: string; bootOrder?: number }[];
  };
  const applied = (v.running ? st.applied : undefined) as typeof spec | undefined;
  const eff = applied?.cpu ? applied : spec;
  const running = v.running !== undefined;
  const migrating = v.action?.type === 'migrate';
  const gen = vm.metadata.generation ?? 1;
  const runningCond = running
    ? cond('Running', true, 'Running')
    : v.placementMessage
      ? cond('Running', false, 'PodNotStarted', v.placementMessage)
      : st.startError && v.want
        ? cond(
            'Running',
            false,
            'InternalVirtualMachineError',
            `Failed to start the guest: ${st.startError}`,
          )
        : cond(
            'Running',
            false,
            'NotRunning',
            phase === 'Stopped' ? 'The virtual machine is stopped.' : '',
          );
  const list: ConditionLike[] = [
    cond('VirtualMachineClassReady', v.classCheck.ok, v.classCheck.reason, v.classCheck.message),
    cond('BlockDevicesReady', v.devices.check.ok, v.devices.check.reason, v.devices.check.message),
    cond('VirtualMachineIPAddressReady', v.ip.ok, v.ip.reason, v.ip.message),
    cond('ProvisioningReady', v.provisioning.ok, v.provisioning.reason, v.provisioning.message),
    runningCond,
    running
      ? st.agentReady
        ? cond('AgentReady', true, 'AgentReady')
        : cond('AgentReady', false, 'AgentNotReady', 'The guest agent is not responding yet.')
      : cond('AgentReady', false, 'AgentNotReady', 'The virtual machine is not running.'),
    v.changes.length > 0
      ? cond(
          'AwaitingRestartToApplyConfiguration',
          true,
          'ChangesPendingRestart',
          'Restart the virtual machine to apply the changes listed in status.restartAwaitingChanges.',
        )
      : cond('AwaitingRestartToApplyConfiguration', false, 'NoRestartRequired'),
    v.changes.length > 0
      ? cond(
          'ConfigurationApplied',
          false,
          'ConfigurationNotApplied',
          'Some changes wait for a restart.',
        )
      : cond('ConfigurationApplied', true, 'ConfigurationApplied'),
    cond('SizingPolicyMatched', v.sizing.ok, v.sizing.reason, v.sizing.message),
    v.devices.localDisks.length > 0
      ? cond(
          'Migratable',
          false,
          'VirtualMachineDisksNotMigratable',
          `Live migration needs shared (ReadWriteMany) storage; the disk(s) ${v.devices.localDisks.map((d) => `"${d}"`).join(', ')} use node-local ReadWriteOnce storage.`,
        )
      : cond('Migratable', true, 'VirtualMachineMigratable'),
    cond('FirmwareUpToDate', true, 'FirmwareUpToDate'),
    networkReady(vm),
  ];
  if (migrating) {
    const p = v.action?.progress;
    list.push(
      cond(
        'Migrating',
        true,
        'InProgress',
        p?.progress ? `Migration is ${p.progress.percent}% done.` : 'Migration is in progress.',
      ),
    );
  }
  let conditions = (old.conditions ?? []).filter((c) => c.type !== 'Migrating' || migrating);
  for (const c of list)
    conditions = setCondition(conditions, { ...c, observedGeneration: gen }, now);
  const topo = cpuTopology(eff.cpu.cores);
  const tgt = targets(v.devices.devices);
  const resolved = new Map(v.devices.devices.map((d) => [`${d.kind}/${d.name}`, d]));
  const refs = [
    ...spec.blockDeviceRefs.map((r) => ({ ...r, attachment: undefined as string | undefined })),
    ...v.devices.devices
      .filter((d) => d.attachment)
      .map((d) => ({ kind: d.kind, name: d.name, bootOrder: undefined, attachment: d.attachment })),
  ].map((r) => {
    const d = resolved.get(`${r.kind}/${r.name}`);
    return {
      kind: r.kind,
      name: r.name,
      size: d?.size ?? '',
      attached: running && d !== undefined,
      ...(running && d ? { target: tgt.get(d.id) } : {}),
      ...(r.bootOrder !== undefined ? { bootOrder: r.bootOrder } : {}),
      ...(r.attachment
        ? { hotplugged: true, virtualMachineBlockDeviceAttachmentName: r.attachment }
        : {}),
    };
  });
  return {
    phase,
    observedGeneration: gen,
    nodeName: v.running?.node ?? null,
    ipAddress: v.ip.address ?? null,
    virtualMachineIPAddressName: v.ip.name ?? null,
    guestOSInfo: running && st.guestOSInfo ? st.guestOSInfo : null,
    conditions,
    restartAwaitingChanges: v.changes.length > 0 ? v.changes : null,
    resources: {
      cpu: {
        cores: eff.cpu.cores,
        coreFraction: eff.cpu.coreFraction ?? '100%',
        requestedCores: `${requestedMilli(eff)}m`,
        runtimeOverhead: '0',
        ...(topo.ok ? { topology: topo.topology } : {}),
      },
      memory: { size: eff.memory.size, runtimeOverhead: '0' },
    },
    blockDeviceRefs: refs,
    virtualMachinePods: v.pods.length > 0 ? v.pods : null,
    networks: v.networks,
    migrationState: st.migration
      ? {
          startTimestamp: st.migration.startTimestamp,
          endTimestamp: st.migration.endTimestamp ?? null,
          source: st.migration.source,
          target: st.migration.target,
          result: st.migration.result,
        }
      : null,
    stats: {
      phasesTransitions: st.transitions,
      launchTimeDuration: st.launch,
      ...(st.lastStartTime ? { lastStartTime: st.lastStartTime } : {}),
    },
  };
}
