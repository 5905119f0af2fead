/**
 * VirtualDisk admission (deckhouse/virtualization cf3a9e6c4, `pkg/controller/vd/internal/
 * validator/{name,pvc_size,spec_changes}_validator.go`). Changing the storage class of a
 * provisioned disk is refused, as in CE (volume migration is an EE feature the sandbox lacks).
 */
import {
  compareQuantities,
  dottedDiskNameWarning,
  formatQuantity,
  tryParseQuantity,
  validateDvpName,
} from '@dvp/api';
import type { AdmissionPlugin, AdmissionRequest, AdmissionResult } from './types.ts';
import {
  checkProvisionedSpec,
  DVP,
  Findings,
  allowed,
  at,
  conditionStatus,
  isSpecWrite,
  jsonEqual,
  nameOf,
  phaseOf,
  specChanged,
} from './util.ts';

const SIZE = ['spec', 'persistentVolumeClaim', 'size'] as const;
const SIZE_FIELD = 'spec.persistentVolumeClaim.size';

function sizeOf(obj: unknown) {
  const raw = at(obj, ...SIZE);
  return typeof raw === 'string' || typeof raw === 'number' ? tryParseQuantity(raw) : undefined;
}

/** Provisioned = Ready, or past the phases in which the PVC does not exist yet. */
function isProvisioned(vd: unknown): boolean {
  const phase = phaseOf(vd);
  return (
    conditionStatus(vd, 'Ready') === 'True' ||
    (phase !== '' &&
      phase !== 'Pending' &&
      phase !== 'Provisioning' &&
      phase !== 'WaitForFirstConsumer')
  );
}

function validateCreate(req: AdmissionRequest, f: Findings): void {
  const vd = req.object;
  for (const m of validateDvpName('VirtualDisk', nameOf(vd))) f.deny(m, 'metadata.name');
  const size = sizeOf(vd);
  if (size && size.num === 0n) f.deny('virtual disk size must be greater than 0', SIZE_FIELD);
  if (at(vd, 'spec', 'dataSource') === undefined && at(vd, ...SIZE) === undefined) {
    f.required(
      SIZE_FIELD,
      "if the data source is not specified, it's necessary to set spec.PersistentVolumeClaim.size to create blank virtual disk",
    );
  }
}

function validateSize(req: AdmissionRequest, f: Findings): void {
  const vd = req.object;
  const old = req.oldObject;
  if (jsonEqual(at(old, ...SIZE), at(vd, ...SIZE))) return;
  if (phaseOf(vd) === 'Migrating') {
    f.deny(
      'spec.persistentVolumeClaim.size cannot be changed while the VirtualDisk is migrating',
      SIZE_FIELD,
    );
    return;
  }
  if (!isProvisioned(vd)) return;
  const before = sizeOf(old);
  const after = sizeOf(vd);
  if (!after) {
    if (at(vd, ...SIZE) === undefined)
      f.deny('spec.persistentVolumeClaim.size cannot be omitted once set', SIZE_FIELD);
    return;
  }
  if (before && compareQuantities(after, before) < 0) {
    f.deny(
      `spec.persistentVolumeClaim.size value (${formatQuantity(after)}) should be greater than or equal to the current value (${formatQuantity(before)})`,
      SIZE_FIELD,
    );
  }
}

function validate(req: AdmissionRequest): AdmissionResult {
  if (!isSpecWrite(req)) return allowed();
  const f = new Findings();
  if (req.operation === 'CREATE') {
    validateCreate(req, f);
    return f.result();
  }
  const warning = dottedDiskNameWarning(nameOf(req.object));
  if (warning) f.warn(warning);
  if (!specChanged(req) || !req.oldObject) return f.result();
  validateSize(req, f);
  checkProvisionedSpec(req, f, 'VirtualDisk', 'PVCLost');
  return f.result();
}

/** DVP's VirtualDisk webhook. */
export const virtualDiskPlugin: AdmissionPlugin = { group: DVP, kind: 'VirtualDisk', validate };
