import {
  dropNulls,
  schemaFor,
  unknownFields,
  validateLabelKey,
  validateLabelValue,
  validateObjectName,
  validateTransition,
  zodIssuesToCauses,
  type FieldCause,
} from '@dvp/api';
import { runMutatingAdmission, runValidatingAdmission } from '../../admission/index.ts';
import type { AdmissionContext, AdmissionRequest } from '../../admission/types.ts';
import { errors } from '../errors.ts';
import type { ServedResource } from '../registry.ts';
import type { KubeObject, UserInfo } from '../types.ts';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface ValidateOptions {
  operation: 'CREATE' | 'UPDATE';
  subresource?: string;
  oldObject?: KubeObject;
  user: UserInfo;
  dryRun: boolean;
  fieldValidation: FieldValidation;
  ctx: AdmissionContext;
}

function invalid(served: ServedResource, name: string, causes: FieldCause[]) {
  return errors.invalid(
    { group: served.group, resource: served.def.plural, kind: served.def.kind, name },
    causes,
  );
}

/** Name and label rules every object obeys (kube-apiserver's ObjectMeta validation). */
function metadataCauses(served: ServedResource, obj: KubeObject): FieldCause[] {
  const causes: FieldCause[] = [];
  const name = obj.metadata.name;
  if (!name) {
    causes.push({
      reason: 'FieldValueRequired',
      field: 'metadata.name',
      message: 'Required value: name or generateName is required',
    });
  } else {
    for (const m of validateObjectName(served.def.kind, name)) {
      causes.push({
        reason: 'FieldValueInvalid',
        field: 'metadata.name',
        message: `Invalid value: "${name}": ${m}`,
      });
    }
  }
  for (const [k, v] of Object.entries(obj.metadata.labels ?? {})) {
    for (const m of validateLabelKey(k))
      causes.push({
        reason: 'FieldValueInvalid',
        field: 'metadata.labels',
        message: `Invalid value: "${k}": ${m}`,
      });
    if (typeof v !== 'string') {
      causes.push({
        reason: 'FieldValueTypeInvalid',
        field: `metadata.labels.${k}`,
        message: 'Invalid value: must be a string',
      });
      continue;
    }
    for (const m of validateLabelValue(v))
      causes.push({
        reason: 'FieldValueInvalid',
        field: 'metadata.labels',
        message: `Invalid value: "${v}": ${m}`,
      });
  }
  for (const [k, v] of Object.entries(obj.metadata.annotations ?? {})) {
    for (const m of validateLabelKey(k))
      causes.push({
        reason: 'FieldValueInvalid',
        field: 'metadata.annotations',
        message: `Invalid value: "${k}": ${m}`,
      });
    if (typeof v !== 'string')
      causes.push({
        reason: 'FieldValueTypeInvalid',
        field: `metadata.annotations.${k}`,
        message: 'Invalid value: must be a string',
      });
  }
  return causes;
}

/**
 * The admission chain in kube-apiserver's order: ObjectMeta rules, mutating admission (defaults a
 * webhook fills, such as a VM's class), schema validation with CRD defaults and pruning, then
 * validating admission. Takes the object in the endpoint's version, returns it in storage form;
 * throws 422/400 Status.
 */
export function validateObject(
  served: ServedResource,
  input: KubeObject,
  opts: ValidateOptions,
): { obj: KubeObject; warnings: string[] } {
  const warnings: string[] = [];
  const name = input.metadata.name ?? input.metadata.generateName ?? '';
  const metaCauses = metadataCauses(served, input);
  if (metaCauses.length) throw invalid(served, name, metaCauses);

  const request = (object: KubeObject): AdmissionRequest => ({
    operation: opts.operation,
    group: served.storageGroup,
    kind: served.def.kind,
    version: served.storageVersion,
    ...(opts.subresource ? { subresource: opts.subresource } : {}),
    object,
    ...(opts.oldObject ? { oldObject: opts.oldObject } : {}),
    user: opts.user,
    dryRun: opts.dryRun,
  });

  const mutable = served.toStorage(structuredClone(input));
  runMutatingAdmission(request(mutable), opts.ctx);

  let obj = mutable;
  const schema = schemaFor(served.storageGroup, served.def.kind, served.storageVersion);
  if (schema) {
    // kube-apiserver drops nulls before defaulting and validation.
    const parsed = schema.safeParse(dropNulls(mutable));
    if (!parsed.success) {
      throw invalid(served, name, zodIssuesToCauses(parsed.error.issues, mutable));
    }
    const out = parsed.data as KubeObject;
    // ObjectMeta is the server's to manage: keep it exactly as given rather than as parsed.
    out.metadata = mutable.metadata;
    const unknown = unknownFields(mutable, out).filter((f) => !f.startsWith('metadata.'));
    if (unknown.length && opts.fieldValidation === 'Strict') {
      throw errors.badRequest(
        `strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`,
      );
    }
    if (opts.fieldValidation === 'Warn')
      for (const f of unknown) warnings.push(`unknown field "${f}"`);
    obj = out;
  }
  if (opts.oldObject && opts.operation === 'UPDATE') {
    // CRD transition rules (`self == oldSelf`): immutable specs of operations, a class's CPU.
    const causes = validateTransition(served.storageGroup, served.def.kind, opts.oldObject, obj);
    if (causes.length) throw invalid(served, name, causes);
  }

  const result = runValidatingAdmission(request(obj), opts.ctx);
  if (result.causes.length) throw invalid(served, name, result.causes);
  warnings.push(...result.warnings);
  return { obj, warnings };
}
