import type { VmDetail } from '@dvp/api';
import { hasVmOwner } from './plan.ts';
import { valuesFromVm, type ConfigValues, nameOf } from './values.ts';

/** The VM's VirtualDisks (boot and hotplugged), by name. */
export function vmDiskNames(detail: VmDetail): string[] {
  const boot = detail.vm.spec.blockDeviceRefs
    .filter((r) => r.kind === 'VirtualDisk')
    .map((r) => r.name);
  const hot = detail.attachments
    .filter((a) => a.spec.blockDeviceRef.kind === 'VirtualDisk')
    .map((a) => a.spec.blockDeviceRef.name ?? '');
  return [...new Set([...boot, ...hot])];
}

/** The form's values for a VM detail view (VM spec plus disk sizes and the VMIP's owner). */
export function valuesFromDetail(detail: VmDetail): ConfigValues {
  const ip = detail.ipAddress;
  return valuesFromVm(detail.vm, {
    keepIp: ip ? !hasVmOwner(ip.metadata.ownerReferences, detail.vm) : false,
    sizes: detail.disks
      .filter((d) => vmDiskNames(detail).includes(nameOf(d)))
      .map((d) => ({
        name: nameOf(d),
        size: String(d.spec?.persistentVolumeClaim?.size ?? ''),
      })),
  });
}

/** Cause field (Status `details.causes[].field`) → form field. */
export const CAUSE_FIELD_MAP: Record<string, string> = {
  'spec.cpu.cores': 'cores',
  'spec.cpu.coreFraction': 'coreFraction',
  'spec.memory.size': 'memory',
  'spec.memory': 'memory',
  'spec.virtualMachineClassName': 'className',
  'spec.runPolicy': 'runPolicy',
  'spec.nodeSelector': 'nodeSelector',
  'spec.blockDeviceRefs': 'bootDisks',
  'spec.virtualMachineIPAddressName': 'ipName',
  'spec.staticIP': 'newStaticIp',
};
