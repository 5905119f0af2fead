/**
 * VirtualImage and ClusterVirtualImage admission (deckhouse/virtualization cf3a9e6c4,
 * `pkg/controller/{vi,cvi}/*_webhook.go`): names without `.`, write-once images.
 * The CVI `objectRef.namespace` requirement is a CRD CEL rule (schema validation's job).
 */
import { validateDvpName } from '@dvp/api';
import type { AdmissionPlugin, AdmissionRequest, AdmissionResult } from './types.ts';
import {
  checkProvisionedSpec,
  DVP,
  Findings,
  allowed,
  conditionStatus,
  isSpecWrite,
  nameOf,
  phaseOf,
  specChanged,
  str,
} from './util.ts';

function checkName(req: AdmissionRequest, f: Findings): void {
  const kind = req.kind === 'VirtualImage' ? 'VirtualImage' : 'ClusterVirtualImage';
  const name = nameOf(req.object);
  // The user guide (seed 004) names VirtualImages like `ubuntu-22.04`; where the docs and the
  // current webhook disagree the docs win, so a dotted VirtualImage name only draws the warning.
  if (req.operation === 'CREATE' && kind === 'ClusterVirtualImage') {
    for (const m of validateDvpName(kind, name)) f.deny(m, 'metadata.name');
  } else if (name.includes('.')) {
    f.warn(
      `the ${kind} name ${JSON.stringify(name)} is invalid as it contains now forbidden symbol '.', allowed symbols for name are [0-9a-zA-Z-]. Create another image with valid name to avoid problems with future updates.`,
    );
  }
}

function validateVirtualImage(req: AdmissionRequest): AdmissionResult {
  if (!isSpecWrite(req)) return allowed();
  const f = new Findings();
  checkName(req, f);
  if (req.operation === 'CREATE' && str(req.object, 'spec', 'storage') === 'Kubernetes') {
    f.warn(
      'Using the `Kubernetes` storage type is deprecated. It is recommended to use `PersistentVolumeClaim` instead.',
    );
  }
  if (!specChanged(req) || !req.oldObject) return f.result();
  checkProvisionedSpec(req, f, 'VirtualImage', 'ImageLost');
  return f.result();
}

function validateClusterVirtualImage(req: AdmissionRequest): AdmissionResult {
  if (!isSpecWrite(req)) return allowed();
  const f = new Findings();
  checkName(req, f);
  const cvi = req.object;
  if (specChanged(req) && (phaseOf(cvi) === 'Ready' || conditionStatus(cvi, 'Ready') === 'True')) {
    f.deny(
      'ClusterVirtualImage is in a Ready state: configuration changes are not available',
      'spec',
    );
  }
  return f.result();
}

/** DVP's VirtualImage webhook. */
export const virtualImagePlugin: AdmissionPlugin = {
  group: DVP,
  kind: 'VirtualImage',
  validate: validateVirtualImage,
};

/** DVP's ClusterVirtualImage webhook. */
export const clusterVirtualImagePlugin: AdmissionPlugin = {
  group: DVP,
  kind: 'ClusterVirtualImage',
  validate: validateClusterVirtualImage,
};
