import { validateObject } from '../schemas.ts';
import type { FieldCause } from '../status.ts';

/** Test helper: the causes of a DVP object that must be rejected. */
export function dvpCauses(kind: string, obj: Record<string, unknown>, version = 'v1alpha2') {
  const r = validateObject('virtualization.deckhouse.io', kind, version, {
    apiVersion: `virtualization.deckhouse.io/${version}`,
    kind,
    metadata: { name: 'x', namespace: 'demo' },
    ...obj,
  });
  if (!r || r.ok) throw new Error(`expected a rejection, got ${JSON.stringify(r)}`);
  return r.causes;
}

/** Test helper: the stored form of a DVP object that must be accepted. */
export function dvpParse(kind: string, obj: Record<string, unknown>, version = 'v1alpha2') {
  const r = validateObject('virtualization.deckhouse.io', kind, version, {
    apiVersion: `virtualization.deckhouse.io/${version}`,
    kind,
    metadata: { name: 'x', namespace: 'demo' },
    ...obj,
  });
  if (!r?.ok) throw new Error(`expected success, got ${JSON.stringify(r)}`);
  return r.object;
}

/** A CEL failure cause as kube-apiserver words it. */
export const cel = (field: string, message: string, type = 'object'): FieldCause => ({
  reason: 'FieldValueInvalid',
  field,
  message: `Invalid value: "${type}": ${message}`,
});
