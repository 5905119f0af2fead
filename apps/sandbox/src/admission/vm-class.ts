/**
 * VirtualMachineClass admission (deckhouse/virtualization cf3a9e6c4,
 * `pkg/controller/vmclass/internal/validators/`): sizing-policy validity, a single default
 * class, and the immutable `spec.cpu` (a CEL transition rule in the CRD, enforced here because
 * schema validation sees one object at a time).
 */
import { validateSizingPolicies, type SizingPolicy } from '@dvp/api';
import type {
  AdmissionContext,
  AdmissionPlugin,
  AdmissionRequest,
  AdmissionResult,
} from './types.ts';
import { DVP, Findings, allowed, isRecord, isSpecWrite, jsonEqual, list, nameOf } from './util.ts';
import { DEFAULT_CLASS_ANNOTATION } from './vm.ts';

function validate(req: AdmissionRequest, ctx: AdmissionContext): AdmissionResult {
  if (!isSpecWrite(req)) return allowed();
  const f = new Findings();
  const cls = req.object;
  const name = nameOf(cls);
  const policies = list(cls, 'spec', 'sizingPolicies').filter(isRecord) as SizingPolicy[];
  // Schema-sourced issues (max > min, max > step) are the CRD's CEL, reported by schema validation.
  for (const issue of validateSizingPolicies(name, policies, { sources: ['webhook'] })) {
    f.deny(issue.message, issue.field);
  }
  if (req.operation === 'UPDATE' && req.oldObject) {
    const before: unknown = req.oldObject.spec;
    const after: unknown = cls.spec;
    if (
      !jsonEqual(isRecord(before) ? before.cpu : undefined, isRecord(after) ? after.cpu : undefined)
    ) {
      f.invalid('spec.cpu', {}, '.spec.cpu is immutable');
    }
  }
  if (cls.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true') {
    const other = ctx
      .list(DVP, 'VirtualMachineClass')
      .find(
        (c) => nameOf(c) !== name && c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true',
      );
    if (other) {
      f.deny(
        `multiple default virtual machine classes are prohibited, current default class is ${nameOf(other)}. (tip: to assign new default class first remove '${DEFAULT_CLASS_ANNOTATION}' annotation from the current default class)`,
        'metadata.annotations',
      );
    }
  }
  return f.result();
}

/** DVP's VirtualMachineClass webhook. */
export const virtualMachineClassPlugin: AdmissionPlugin = {
  group: DVP,
  kind: 'VirtualMachineClass',
  validate,
};
