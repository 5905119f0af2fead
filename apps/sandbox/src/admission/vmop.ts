/**
 * VirtualMachineOperation admission: the immutable spec (CRD CEL transition rule), the
 * `migrate` block only with `Migrate` (CEL) and valid node-selector labels (webhook), and the
 * one-operation-at-a-time rule with DVP's supersede exceptions (dvp-api.md §9,
 * `pkg/controller/vmop/supersede/supersede.go` at cf3a9e6c4).
 */
import { validateLabelKey, validateLabelValue } from '@dvp/api';
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
  nameOf,
  namespaceOf,
  phaseOf,
  specChanged,
  str,
} from './util.ts';

/** Phases after which a VMOP no longer blocks others. */
export const FINISHED_VMOP_PHASES: readonly string[] = ['Completed', 'Failed', 'Superseded'];

function isForced(op: KubeObject): boolean {
  return at(op, 'spec', 'force') === true;
}

/**
 * True when `next` may supersede the unfinished `prev` for the same VM: a Start by a Stop; a
 * non-forced Stop or Restart by a forced Stop or Restart; a Migrate or Evict by a Stop or
 * Restart. Forced Stop/Restart, Restore and Clone are never superseded.
 */
export function canSupersede(prev: KubeObject, next: KubeObject): boolean {
  const before = str(prev, 'spec', 'type');
  const after = str(next, 'spec', 'type');
  const stopOrRestart = after === 'Stop' || after === 'Restart';
  switch (before) {
    case 'Start':
      return after === 'Stop';
    case 'Stop':
    case 'Restart':
      return !isForced(prev) && stopOrRestart && isForced(next);
    case 'Migrate':
    case 'Evict':
      return stopOrRestart;
    default:
      return false;
  }
}

/** Unfinished operations for the same VM that `op` may not supersede, oldest first. */
export function blockingOperations(op: KubeObject, ctx: AdmissionContext): KubeObject[] {
  const vm = str(op, 'spec', 'virtualMachineName');
  return ctx
    .list(DVP, 'VirtualMachineOperation', namespaceOf(op))
    .filter(
      (other) =>
        nameOf(other) !== nameOf(op) &&
        str(other, 'spec', 'virtualMachineName') === vm &&
        !FINISHED_VMOP_PHASES.includes(phaseOf(other)) &&
        !other.metadata.deletionTimestamp &&
        !canSupersede(other, op),
    )
    .sort((a, b) =>
      (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''),
    );
}

function checkMigrate(op: KubeObject, f: Findings): void {
  const migrate = at(op, 'spec', 'migrate');
  if (migrate === undefined) return;
  if (str(op, 'spec', 'type') !== 'Migrate') {
    f.invalid('spec', {}, "spec.migrate can only be set when spec.type is 'Migrate'");
  }
  const selector = at(migrate, 'nodeSelector');
  if (!isRecord(selector)) return;
  for (const [key, value] of Object.entries(selector)) {
    const field = 'spec.migrate.nodeSelector';
    for (const m of validateLabelKey(key)) f.invalid(field, key, m);
    if (typeof value === 'string')
      for (const m of validateLabelValue(value)) f.invalid(field, value, m);
  }
}

function validate(req: AdmissionRequest, ctx: AdmissionContext): AdmissionResult {
  if (!isSpecWrite(req)) return allowed();
  const f = new Findings();
  const op = req.object;
  if (req.operation === 'UPDATE') {
    if (specChanged(req)) f.invalid('spec', {}, '.spec is immutable');
    return f.result();
  }
  if (str(op, 'spec', 'type') === 'Start' && at(op, 'spec', 'force') === true) {
    f.invalid('spec', {}, 'The `Start` operation cannot be performed forcibly.');
  }
  checkMigrate(op, f);
  const blocker = blockingOperations(op, ctx)[0];
  if (blocker) {
    f.deny(
      `VMOP cannot be executed now. Previously created operation ${JSON.stringify(nameOf(blocker))} should finish first.`,
    );
  }
  return f.result();
}

/** DVP's VirtualMachineOperation webhook. */
export const virtualMachineOperationPlugin: AdmissionPlugin = {
  group: DVP,
  kind: 'VirtualMachineOperation',
  validate,
};
