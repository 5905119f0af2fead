/**
 * VirtualMachine `blockDeviceRefs` and `networks` webhook rules (deckhouse/virtualization
 * cf3a9e6c4, `pkg/controller/vm/internal/validators/{block_device_refs,block_device_limiter,
 * networks,ipam}_validator.go`; messages reused where DVP has them).
 */
import type { KubeObject } from '../apiserver/types.ts';
import type { AdmissionContext } from './types.ts';
import { DVP, list, nameOf, namespaceOf, num, phaseOf, str, type Findings } from './util.ts';

/** Block devices per VM, spec refs plus VMBDA hot-plugs (dvp-api.md §4, §8). */
export const MAX_BLOCK_DEVICES = 16;
/** Highest `networks[].id`. */
export const MAX_NETWORK_ID = 16383;

const NO_CIDRS =
  'ModuleConfig/virtualization has no configured IP ranges in the spec.settings.virtualMachineCIDRs field';

/** No duplicate refs, no duplicate bootOrder, at most 16 devices including VMBDAs. */
export function checkBlockDevices(vm: KubeObject, ctx: AdmissionContext, f: Findings): void {
  const refs = list(vm, 'spec', 'blockDeviceRefs');
  const seen = new Set<string>();
  const orders = new Map<number, number>();
  refs.forEach((ref, i) => {
    const kind = str(ref, 'kind') ?? '';
    const name = str(ref, 'name') ?? '';
    const key = `${kind}/${name}`;
    if (seen.has(key)) {
      f.duplicate(
        `spec.blockDeviceRefs[${i}]`,
        name,
        `cannot specify the same block device reference more than once: ${kind} with name ${JSON.stringify(name)} has a duplicate reference`,
      );
    }
    seen.add(key);
    const order = num(ref, 'bootOrder');
    if (order !== undefined) {
      const first = orders.get(order);
      if (first !== undefined) {
        f.duplicate(
          `spec.blockDeviceRefs[${i}].bootOrder`,
          order,
          `bootOrder is already used by spec.blockDeviceRefs[${first}]`,
        );
      } else orders.set(order, i);
    }
  });
  // Hot-plugged devices count too, unless they duplicate a spec ref.
  const hotplugged = ctx
    .list(DVP, 'VirtualMachineBlockDeviceAttachment', namespaceOf(vm))
    .filter((a) => str(a, 'spec', 'virtualMachineName') === nameOf(vm))
    .map(
      (a) =>
        `${str(a, 'spec', 'blockDeviceRef', 'kind') ?? ''}/${str(a, 'spec', 'blockDeviceRef', 'name') ?? ''}`,
    )
    .filter((key) => !seen.has(key));
  const total = seen.size + new Set(hotplugged).size;
  if (total > MAX_BLOCK_DEVICES) {
    f.tooMany('spec.blockDeviceRefs', total, MAX_BLOCK_DEVICES);
  }
}

/**
 * Main first, unnamed, id 1; other networks named and unique; ids 1–16383 and unique; ids of
 * existing networks change only while the VM is Stopped; an explicit Main needs CIDRs.
 */
export function checkNetworks(
  vm: KubeObject,
  old: KubeObject | undefined,
  cidrs: string[] | undefined,
  f: Findings,
): void {
  const nets = list(vm, 'spec', 'networks');
  if (nets.length === 0) return;
  if (!cidrs && nets.some((n) => str(n, 'type') === 'Main')) {
    f.deny(
      `spec.networks cannot explicitly include Main network type when ${NO_CIDRS}`,
      'spec.networks',
    );
  }
  const names = new Set<string>();
  const ids = new Set<number>();
  nets.forEach((net, i) => {
    const field = `spec.networks[${i}]`;
    const type = str(net, 'type') ?? '';
    const name = str(net, 'name') ?? '';
    if (type === 'Main' && i > 0) f.deny("first network in the list must be of type 'Main'", field);
    if (type === 'Main' && name !== '') {
      f.deny("network with type 'Main' should not have a name", `${field}.name`);
    }
    if (type !== 'Main' && name === '') {
      f.deny(`network with type '${type}' must have a non-empty name`, `${field}.name`);
    }
    const key = `${type}/${name}`;
    if (names.has(key)) {
      f.deny(
        name ? `network ${type}:${name} is duplicated` : `network ${type} is duplicated`,
        field,
      );
    }
    names.add(key);
    const id = num(net, 'id');
    if (id === undefined || id === 0) return;
    const ident = type === 'Main' ? type : `${type}/${name}`;
    if (ids.has(id)) f.deny(`network id ${id} is duplicated for network ${ident}`, `${field}.id`);
    ids.add(id);
    if (id < 1 || id > MAX_NETWORK_ID) {
      f.deny(
        `network id must be between 1 and ${MAX_NETWORK_ID} for network ${ident}, got ${id}`,
        `${field}.id`,
      );
    } else if (type === 'Main' && id !== 1) {
      f.deny(`network id for network ${type} must be 1, got ${id}`, `${field}.id`);
    }
  });
  if (old) checkNetworkIdsUnchanged(old, vm, f);
}

function networkKey(net: unknown): string {
  const type = str(net, 'type') ?? '';
  return type === 'Main' ? type : `${type}/${str(net, 'name') ?? ''}`;
}

function checkNetworkIdsUnchanged(old: KubeObject, vm: KubeObject, f: Findings): void {
  const phase = phaseOf(old);
  if (phase === 'Stopped') return;
  const before = new Map(list(old, 'spec', 'networks').map((n) => [networkKey(n), num(n, 'id')]));
  for (const net of list(vm, 'spec', 'networks')) {
    const key = networkKey(net);
    const prev = before.get(key);
    if (prev === undefined || prev === (num(net, 'id') ?? 0)) continue;
    f.deny(
      `cannot change network ID for network '${key}' while VM is in phase '${phase}' (only allowed when VM is stopped)`,
      'spec.networks',
    );
  }
}

/** `spec.virtualMachineIPAddressName` needs CIDRs and, with explicit networks, the Main one. */
export function checkIpAddressName(vm: KubeObject, cidrs: string[] | undefined, f: Findings): void {
  if (!str(vm, 'spec', 'virtualMachineIPAddressName')) return;
  const field = 'spec.virtualMachineIPAddressName';
  if (!cidrs) {
    f.deny(`${field} cannot be set when ${NO_CIDRS}`, field);
    return;
  }
  const nets = list(vm, 'spec', 'networks');
  if (nets.length > 0 && !nets.some((n) => str(n, 'type') === 'Main')) {
    f.deny(`${field} cannot be set when spec.networks has no Main network`, field);
  }
}

/** Mutating: fills missing `networks[].id` (Main → 1; others → the lowest free id from 2). */
export function assignNetworkIds(vm: KubeObject): void {
  const nets = list(vm, 'spec', 'networks');
  const used = new Set(nets.map((n) => num(n, 'id')).filter((id): id is number => !!id));
  let next = 2;
  for (const net of nets) {
    if (typeof net !== 'object' || net === null || num(net, 'id')) continue;
    const rec = net as Record<string, unknown>;
    if (str(net, 'type') === 'Main') {
      rec.id = 1;
      used.add(1);
      continue;
    }
    while (used.has(next)) next += 1;
    rec.id = next;
    used.add(next);
  }
}
