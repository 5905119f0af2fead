import type { BlockDeviceRef, VirtualMachine, VirtualMachineSpec } from '@dvp/api';
import { networkRows, networksFromRows, type NetworkRow } from './networks.ts';

/** `topologyKey` values behind "On one server" / "In one zone" (seed 000, Placement). */
export const TOPOLOGY_HOST = 'kubernetes.io/hostname';
export const TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';

export interface LabelRow {
  key: string;
  value: string;
}

/** One VM-to-VM placement rule the form edits: VMs selected by labels, and the topology. */
export interface LabelTerm {
  rows: LabelRow[];
  topology: string;
}

/** What the Configuration form edits. Fields outside `spec` are separate API calls. */
export interface ConfigValues {
  className: string;
  cores: number;
  /** `''` = not set (the class's default applies). */
  coreFraction: string;
  memory: string;
  runPolicy: VirtualMachineSpec['runPolicy'];
  /** `spec.disruptions.restartApprovalMode === 'Automatic'`. */
  autoApply: boolean;
  nodeSelector: LabelRow[];
  near: LabelTerm;
  similar: LabelTerm;
  bootDisks: BlockDeviceRef[];
  /** `spec.networks`: Main first, then additional Networks/ClusterNetworks by name. */
  networks: NetworkRow[];
  /** `spec.virtualMachineIPAddressName` (`''` = assigned automatically). */
  ipName: string;
  // ---- separate calls (not in the VM patch) ----
  /** VirtualDisks to delete after they are detached from the boot list. */
  deleteDisks: string[];
  /** New sizes per VirtualDisk (grow only). */
  sizes: { name: string; size: string }[];
  /** VirtualDisks to hotplug (new VMBDAs). */
  attach: string[];
  /** VMBDAs to delete (hot-unplug). */
  detach: string[];
  /** A Static VirtualMachineIPAddress to create and reference (`''` = none). */
  newStaticIp: string;
  /** The VM's VMIP survives the VM (no ownerReference to it). */
  keepIp: boolean;
}

type Affinity = NonNullable<VirtualMachineSpec['affinity']>;
type VmAffinity = NonNullable<Affinity['virtualMachineAndPodAffinity']>;

export function rowsFromMap(map: Record<string, string> | undefined): LabelRow[] {
  return Object.entries(map ?? {}).map(([key, value]) => ({ key, value }));
}

/** Rows → map; rows without a key are ignored (the form flags them). */
export function mapFromRows(rows: LabelRow[]): Record<string, string> | undefined {
  const filled = rows.filter((r) => r.key.trim() !== '');
  if (filled.length === 0) return undefined;
  return Object.fromEntries(filled.map((r) => [r.key.trim(), r.value.trim()]));
}

/**
 * The form edits the first required term (matchLabels + topologyKey) — what the seeds'
 * "Add" → Key/Value → "On one server"/"In one zone" produces. Other terms and preferred rules
 * set through YAML are kept untouched.
 */
export function termFromAffinity(aff: VmAffinity | undefined): LabelTerm {
  const t = aff?.requiredDuringSchedulingIgnoredDuringExecution?.[0];
  return {
    rows: rowsFromMap(t?.labelSelector?.matchLabels),
    topology: t?.topologyKey ?? TOPOLOGY_HOST,
  };
}

export function affinityFromTerm(
  before: VmAffinity | undefined,
  term: LabelTerm,
): VmAffinity | undefined {
  const [first, ...rest] = before?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  const matchLabels = mapFromRows(term.rows);
  const required = matchLabels
    ? [
        {
          ...first,
          labelSelector: { ...first?.labelSelector, matchLabels },
          topologyKey: term.topology,
        },
        ...rest,
      ]
    : rest;
  const out: VmAffinity = { ...before };
  if (required.length > 0) out.requiredDuringSchedulingIgnoredDuringExecution = required;
  else delete out.requiredDuringSchedulingIgnoredDuringExecution;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The form's values for a VM (and the extra state around it). */
export function valuesFromVm(
  vm: VirtualMachine,
  extra: { keepIp: boolean; sizes: { name: string; size: string }[] },
): ConfigValues {
  const s = vm.spec;
  return {
    className: s.virtualMachineClassName,
    cores: s.cpu.cores,
    coreFraction: s.cpu.coreFraction ?? '',
    memory: String(s.memory.size),
    runPolicy: s.runPolicy,
    autoApply: s.disruptions.restartApprovalMode === 'Automatic',
    nodeSelector: rowsFromMap(s.nodeSelector),
    near: termFromAffinity(s.affinity?.virtualMachineAndPodAffinity),
    similar: termFromAffinity(s.affinity?.virtualMachineAndPodAntiAffinity),
    bootDisks: s.blockDeviceRefs.map((r) => ({ ...r })),
    networks: networkRows(s.networks),
    ipName: s.virtualMachineIPAddressName ?? '',
    deleteDisks: [],
    sizes: extra.sizes,
    attach: [],
    detach: [],
    newStaticIp: '',
    keepIp: extra.keepIp,
  };
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The VM spec after the form's edits: `before` with only the modelled fields replaced, so
 * fields the form does not show (provisioning, tolerations, …) stay as they are.
 */
export function specFromValues(before: VirtualMachineSpec, v: ConfigValues): VirtualMachineSpec {
  const affinity = withoutUndefined<Affinity>({
    ...before.affinity,
    virtualMachineAndPodAffinity: affinityFromTerm(
      before.affinity?.virtualMachineAndPodAffinity,
      v.near,
    ),
    virtualMachineAndPodAntiAffinity: affinityFromTerm(
      before.affinity?.virtualMachineAndPodAntiAffinity,
      v.similar,
    ),
  });
  const coreFraction = v.coreFraction.trim();
  return withoutUndefined<VirtualMachineSpec>({
    ...before,
    virtualMachineClassName: v.className,
    cpu: withoutUndefined({
      ...before.cpu,
      cores: v.cores,
      coreFraction: coreFraction === '' ? undefined : coreFraction,
    }),
    // An unchanged size keeps its original JSON form (a number stays a number).
    memory: {
      ...before.memory,
      size: v.memory.trim() === String(before.memory.size) ? before.memory.size : v.memory.trim(),
    },
    runPolicy: v.runPolicy,
    disruptions: {
      ...before.disruptions,
      // Keep "unset" when the user did not touch it and it was unset (Manual is the default).
      restartApprovalMode:
        v.autoApply || before.disruptions.restartApprovalMode !== undefined
          ? v.autoApply
            ? 'Automatic'
            : 'Manual'
          : undefined,
    },
    nodeSelector: mapFromRows(v.nodeSelector),
    affinity: Object.keys(affinity).length > 0 ? affinity : undefined,
    blockDeviceRefs: v.bootDisks,
    networks: networksFromRows(before.networks, v.networks),
    virtualMachineIPAddressName: v.ipName.trim() === '' ? undefined : v.ipName.trim(),
  });
}

/** An object's name (`metadata.name` is optional in the schema; stored objects have one). */
export function nameOf(o: { metadata: { name?: string | undefined } }): string {
  return o.metadata.name ?? '';
}
