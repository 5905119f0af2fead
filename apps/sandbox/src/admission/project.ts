/**
 * Project admission: multitenancy-manager's v1alpha2 CRD limits the name to 53 characters (a
 * CEL rule on `metadata.name`, which schema validation of the body does not reach; dvp-api.md §18).
 */
import type { AdmissionPlugin, AdmissionRequest, AdmissionResult } from './types.ts';
import { DECKHOUSE, Findings, allowed, nameOf } from './util.ts';

/** Longest Project name in `deckhouse.io/v1alpha2`. */
export const MAX_PROJECT_NAME_LENGTH = 53;

function validate(req: AdmissionRequest): AdmissionResult {
  if (req.operation !== 'CREATE') return allowed();
  const name = nameOf(req.object);
  if (name.length <= MAX_PROJECT_NAME_LENGTH) return allowed();
  return new Findings()
    .invalid('metadata.name', name, `must be no more than ${MAX_PROJECT_NAME_LENGTH} characters`)
    .result();
}

/** The Project name limit. */
export const projectPlugin: AdmissionPlugin = { group: DECKHOUSE, kind: 'Project', validate };
