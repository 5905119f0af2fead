/**
 * Client-side checks of the VM form, run live as the user types (react-hook-form resolver).
 * The server's dry run catches whatever these do not model.
 */
import type { FieldErrors, Resolver } from 'react-hook-form';
import {
  MAX_INLINE_USER_DATA_BYTES,
  userDataBytes,
  validateDvpName,
  validateObjectName,
  type SizingPolicy,
} from '@dvp/api';
import type { Translate } from '../../i18n/i18n.tsx';
import type { VmFormValues } from './model.ts';
import { sizingIssues } from './sizing.ts';

export interface VmValidationOptions {
  t: Translate;
  /** The sizing policies of a class (undefined while classes load or for unknown classes). */
  policiesFor: (className: string) => readonly SizingPolicy[] | undefined;
  /** Check `name` (create); the Configuration tab cannot rename. */
  checkName?: boolean;
}

/** Field path → message for every problem found. */
export function validateVmValues(
  values: VmFormValues,
  { t, policiesFor, checkName = true }: VmValidationOptions,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (checkName) {
    const name = values.name.trim();
    if (!name) errors.name = t('vm-create.err.required');
    else {
      const msg = [
        ...validateObjectName('VirtualMachine', name),
        ...validateDvpName('VirtualMachine', name),
      ][0];
      if (msg) errors.name = t('vm-create.err.name', { message: msg });
    }
  }
  if (!values.className) errors.className = t('vm-create.err.required');
  for (const issue of sizingIssues(
    {
      cores: values.cores,
      coreFraction: values.coreFraction,
      memory: values.memory,
      name: values.name,
    },
    values.className,
    policiesFor(values.className),
  )) {
    errors[issue.field] ??= t(issue.key, issue.values);
  }
  if (values.bootDisks.length === 0) errors.bootDisks = t('vm-create.bootDisks.required');
  if (values.cloudInitEnabled) {
    const bytes = userDataBytes(values.cloudInit);
    if (bytes > MAX_INLINE_USER_DATA_BYTES) {
      errors.cloudInit = t('vm-create.cloudInit.tooLarge', {
        bytes,
        max: MAX_INLINE_USER_DATA_BYTES,
      });
    }
  }
  return errors;
}

/** The same checks as a react-hook-form resolver. */
export function vmResolver(opts: VmValidationOptions): Resolver<VmFormValues> {
  return (values) => {
    const found = validateVmValues(values, opts);
    const errors: Record<string, { type: string; message: string }> = {};
    for (const [k, message] of Object.entries(found)) errors[k] = { type: 'validate', message };
    return Object.keys(errors).length
      ? { values: {}, errors: errors as FieldErrors<VmFormValues> }
      : { values, errors: {} };
  };
}
