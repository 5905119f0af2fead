/**
 * Pod admission: the sandbox runs no containers. Its only pods are the virt-launcher mirrors of
 * running guests that the VM controller keeps, so a pod created by anyone else is refused rather
 * than left Pending forever.
 */
import type { AdmissionPlugin, AdmissionRequest, AdmissionResult } from './types.ts';
import { Findings, allowed } from './util.ts';

/** The identities that may create pods: virtualization-controller and the system controllers. */
const POD_CREATORS = [
  'system:serviceaccount:d8-virtualization:virtualization-controller',
  'system:kube-controller-manager',
];

/** What a refused pod creation says. */
export const NO_CONTAINERS_MESSAGE =
  'the sandbox runs no containers; pods are virt-launcher mirrors of running VMs (create a VirtualMachine instead)';

function validate(req: AdmissionRequest): AdmissionResult {
  if (req.operation !== 'CREATE' || POD_CREATORS.includes(req.user.username)) return allowed();
  return new Findings().deny(NO_CONTAINERS_MESSAGE, 'spec').result();
}

/** Refuses pods that are not virt-launcher mirrors. */
export const podPlugin: AdmissionPlugin = { group: '', kind: 'Pod', validate };
