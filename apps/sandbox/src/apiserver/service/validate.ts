import {
  schemaFor,
  unknownFields,
  validateLabelKey,
  validateLabelValue,
  validateObjectName,
  zodIssuesToCauses,
  type FieldCause,
} from '@dvp/api';
import { runAdmission } from '../../admission/index.ts';
import type { AdmissionContext } from '../../admission/types.ts';
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
 * Schema validation with defaults and pruning, ObjectMeta rules, then admission (mutating and
 * validating). Takes and returns the object in the endpoint's version; throws 422/400 Status.
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

  let obj = input;
  const schema = schemaFor(served.group, served.def.kind, served.version);
  if (schema) {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      throw invalid(served, name, zodIssuesToCauses(parsed.error.issues, input));
    }
    const out = parsed.data as KubeObject;
    // ObjectMeta is the server's to manage: keep it exactly as given rather than as parsed.
    out.metadata = input.metadata;
    const unknown = unknownFields(input, out).filter((f) => !f.startsWith('metadata.'));
    if (unknown.length && opts.fieldValidation === 'Strict') {
      throw errors.badRequest(
        `strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`,
      );
    }
    if (opts.fieldValidation === 'Warn')
      for (const f of unknown) warnings.push(`unknown field "${f}"`);
    obj = out;
  }

  const storageObj = served.toStorage(obj);
  const result = runAdmission(
    {
      operation: opts.operation,
      group: served.group,
      kind: served.def.kind,
      version: served.version,
      ...(opts.subresource ? { subresource: opts.subresource } : {}),
      object: storageObj,
      ...(opts.oldObject ? { oldObject: opts.oldObject } : {}),
      user: opts.user,
      dryRun: opts.dryRun,
    },
    opts.ctx,
  );
  if (result.causes.length) throw invalid(served, name, result.causes);
  warnings.push(...result.warnings);
  return { obj: storageObj, warnings };
}
