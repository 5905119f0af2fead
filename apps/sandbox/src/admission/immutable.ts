/**
 * Kinds whose whole spec is write-once: VMBDA, VirtualDiskSnapshot and VirtualMachineSnapshot
 * (webhooks: "idempotent resource"), VMSOP (CRD CEL `.spec is immutable`; a transition rule, so
 * it needs the old object and is enforced here).
 */
import type { AdmissionPlugin, AdmissionRequest, AdmissionResult } from './types.ts';
import { DVP, Findings, allowed, isSpecWrite, specChanged } from './util.ts';

function webhookImmutable(kind: string): AdmissionPlugin {
  return {
    group: DVP,
    kind,
    validate(req: AdmissionRequest): AdmissionResult {
      if (!isSpecWrite(req) || !specChanged(req)) return allowed();
      return new Findings()
        .deny(`${kind} is an idempotent resource: specification changes are not available`, 'spec')
        .result();
    },
  };
}

/** Spec-immutability plugins for VMBDA, VDS, VMS and VMSOP. */
export const immutableSpecPlugins: AdmissionPlugin[] = [
  webhookImmutable('VirtualMachineBlockDeviceAttachment'),
  webhookImmutable('VirtualDiskSnapshot'),
  webhookImmutable('VirtualMachineSnapshot'),
  {
    group: DVP,
    kind: 'VirtualMachineSnapshotOperation',
    validate(req: AdmissionRequest): AdmissionResult {
      if (!isSpecWrite(req) || !specChanged(req)) return allowed();
      return new Findings().invalid('spec', {}, '.spec is immutable').result();
    },
  },
];
