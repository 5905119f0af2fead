/**
 * Which VMs fit a class's sizing policies, and which would stop fitting after an edit: the same
 * `matchSizingPolicy` DVP's VM webhook runs, applied to each VM's current size.
 */
import {
  matchSizingPolicy,
  sizingPolicyMessage,
  type SizingPolicy,
  type VmPlacement,
} from '@dvp/api';

export interface VmFit {
  vm: VmPlacement;
  /** Undefined when the VM's size is unknown. */
  ok?: boolean;
  /** DVP's text of what the VM breaks. */
  message?: string;
}

export function fitOf(
  vm: VmPlacement,
  policies: readonly SizingPolicy[] | undefined,
  className: string,
): VmFit {
  if (vm.cores === undefined || vm.memory === undefined) return { vm };
  const match = matchSizingPolicy(
    {
      cores: vm.cores,
      memory: vm.memory,
      ...(vm.coreFraction !== undefined ? { coreFraction: vm.coreFraction } : {}),
    },
    policies,
    { vmName: vm.name, className },
  );
  const message = sizingPolicyMessage(match);
  return { vm, ok: match.ok, ...(message ? { message } : {}) };
}

export interface Impact {
  vm: VmPlacement;
  /** True when the VM does not fit the current policies either. */
  already: boolean;
  message: string;
}

/** The VMs that would not fit `after`, with whether they already break `before`. */
export function impactOf(
  vms: readonly VmPlacement[],
  before: readonly SizingPolicy[] | undefined,
  after: readonly SizingPolicy[] | undefined,
  className: string,
): Impact[] {
  const out: Impact[] = [];
  for (const vm of vms) {
    const next = fitOf(vm, after, className);
    if (next.ok !== false) continue;
    out.push({
      vm,
      already: fitOf(vm, before, className).ok === false,
      message: next.message ?? '',
    });
  }
  return out;
}
