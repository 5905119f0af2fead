/**
 * VirtualMachine admission: the mutating webhook's defaults and the validating webhook's rules
 * (deckhouse/virtualization cf3a9e6c4, `pkg/controller/vm/`; dvp-api.md §4).
 *
 * Sandbox choices: on UPDATE, spec rules run only when the spec changed, so controllers can
 * still add finalizers to a VM whose class policy changed under it (the user guide: such VMs
 * keep running, only configuration changes are refused); the reserved-key rule applies only to
 * newly added label/annotation keys, so existing objects never become un-updatable.
 */
import {
  cpuTopology,
  defaultCoreFraction,
  matchSizingPolicy,
  validateDvpName,
  type SizingPolicy,
} from '@dvp/api';
import type { KubeObject } from '../apiserver/types.ts';
import type {
  AdmissionContext,
  AdmissionPlugin,
  AdmissionRequest,
  AdmissionResult,
} from './types.ts';
import {
  DVP,
  Findings,
  allowed,
  at,
  isRecord,
  isSpecWrite,
  list,
  nameOf,
  num,
  specChanged,
  str,
  virtualMachineCidrs,
} from './util.ts';
import {
  assignNetworkIds,
  checkBlockDevices,
  checkIpAddressName,
  checkNetworks,
} from './vm-devices.ts';

/** The annotation that marks the default VirtualMachineClass. */
export const DEFAULT_CLASS_ANNOTATION =
  'virtualmachineclass.virtualization.deckhouse.io/is-default-class';

/** The default class (annotated `"true"`), if exactly one exists (first by name otherwise). */
export function defaultClass(ctx: AdmissionContext): KubeObject | undefined {
  return ctx
    .list(DVP, 'VirtualMachineClass')
    .filter((c) => c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true')
    .sort((a, b) => nameOf(a).localeCompare(nameOf(b)))[0];
}

function sizingPolicies(cls: KubeObject | undefined): SizingPolicy[] {
  return list(cls, 'spec', 'sizingPolicies').filter(isRecord);
}

function mutate(req: AdmissionRequest, ctx: AdmissionContext): void {
  if (!isSpecWrite(req)) return;
  const spec = req.object.spec;
  if (!isRecord(spec)) return;
  if (!str(spec, 'virtualMachineClassName')) {
    const cls = defaultClass(ctx);
    if (cls) spec.virtualMachineClassName = nameOf(cls);
  }
  const className = str(spec, 'virtualMachineClassName');
  const cls = className ? ctx.get(DVP, 'VirtualMachineClass', className) : undefined;
  const cpu = spec.cpu;
  // Only a known class can say what the default is; without it the VM waits in Pending anyway.
  if (cls && isRecord(cpu) && cpu.coreFraction === undefined) {
    cpu.coreFraction = defaultCoreFraction(sizingPolicies(cls), num(cpu, 'cores') ?? 1);
  }
  assignNetworkIds(req.object);
}

const RESERVED = DVP;

function checkMeta(req: AdmissionRequest, f: Findings): void {
  const vm = req.object;
  if (req.operation === 'CREATE') {
    for (const m of validateDvpName('VirtualMachine', nameOf(vm))) f.deny(m, 'metadata.name');
  }
  const sections = [
    ['labels', 'label'],
    ['annotations', 'annotation'],
  ] as const;
  for (const [section, noun] of sections) {
    const before = req.oldObject?.metadata[section] ?? {};
    const added = Object.keys(vm.metadata[section] ?? {}).filter((k) => !(k in before));
    if (added.some((k) => k.includes(RESERVED))) {
      f.forbidden(
        `metadata.${section}`,
        `using the ${RESERVED} group's name in the ${noun} is prohibited`,
      );
    }
  }
}

function checkSizing(vm: KubeObject, ctx: AdmissionContext, f: Findings): void {
  const className = str(vm, 'spec', 'virtualMachineClassName');
  if (!className) {
    f.required(
      'spec.virtualMachineClassName',
      `no VirtualMachineClass is marked with the ${DEFAULT_CLASS_ANNOTATION}: "true" annotation; specify a class`,
    );
    return;
  }
  const cls = ctx.get(DVP, 'VirtualMachineClass', className);
  if (!cls) {
    f.warn(
      `The VM class ${JSON.stringify(className)} does not exist; it may not have been created yet. Until it is created, the virtual machine will remain in a pending status.`,
    );
    return;
  }
  const cores = num(vm, 'spec', 'cpu', 'cores') ?? 1;
  const coreFraction = at(vm, 'spec', 'cpu', 'coreFraction');
  const match = matchSizingPolicy(
    {
      cores,
      memory: (at(vm, 'spec', 'memory', 'size') as string | number | undefined) ?? '0',
      ...(typeof coreFraction === 'string' || typeof coreFraction === 'number'
        ? { coreFraction }
        : {}),
    },
    sizingPolicies(cls),
    { vmName: nameOf(vm), className },
  );
  for (const v of match.violations) {
    const field = `spec.${v.field}`;
    const value = v.field === 'cpu.cores' ? cores : at(vm, 'spec', ...v.field.split('.'));
    f.invalid(
      field,
      value,
      match.index === undefined ? v.message : `sizing policy validate: ${v.message}`,
    );
  }
}

function validate(req: AdmissionRequest, ctx: AdmissionContext): AdmissionResult {
  if (!isSpecWrite(req)) return allowed();
  const f = new Findings();
  checkMeta(req, f);
  if (req.operation === 'UPDATE' && !specChanged(req)) return f.result();
  const vm = req.object;
  const cores = num(vm, 'spec', 'cpu', 'cores');
  if (cores !== undefined) {
    const topology = cpuTopology(cores);
    if (!topology.ok) f.invalid('spec.cpu.cores', cores, topology.message);
  }
  checkSizing(vm, ctx, f);
  checkBlockDevices(vm, ctx, f);
  const cidrs = virtualMachineCidrs(ctx);
  checkNetworks(vm, req.oldObject, cidrs, f);
  checkIpAddressName(vm, cidrs, f);
  return f.result();
}

/** DVP's VirtualMachine webhooks. */
export const virtualMachinePlugin: AdmissionPlugin = {
  group: DVP,
  kind: 'VirtualMachine',
  mutate,
  validate,
};
