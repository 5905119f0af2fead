/**
 * Creating the VM: a server dry run of every object first (the cluster's admission catches what
 * the form cannot), then the new disks, then the VM. Errors say which object failed.
 */
import { api, call } from '../../api/client.ts';
import { toApiError, type ApiError } from '../../api/errors.ts';
import {
  diskManifestsFromValues,
  vmManifestFromValues,
  type Manifest,
  type VmFormValues,
} from '../../components/vm-form/model.ts';

export type Progress =
  { stage: 'check' } | { stage: 'disk'; name: string } | { stage: 'vm'; name: string };

/** A failed call and the object it was about. */
export class SubmitError extends Error {
  constructor(
    readonly error: ApiError,
    readonly target: { kind: 'VirtualDisk' | 'VirtualMachine'; name: string },
  ) {
    super(error.message);
  }
}

/** VM Status cause fields → form fields (longest prefix wins in `splitCauses`). */
export const VM_CAUSE_FIELDS: Record<string, string> = {
  'metadata.name': 'name',
  'spec.virtualMachineClassName': 'className',
  'spec.cpu.cores': 'cores',
  'spec.cpu.coreFraction': 'coreFraction',
  'spec.cpu': 'cores',
  'spec.memory.size': 'memory',
  'spec.memory': 'memory',
  'spec.provisioning.userData': 'cloudInit',
  'spec.provisioning': 'cloudInit',
  'spec.runPolicy': 'runPolicy',
  'spec.blockDeviceRefs': 'bootDisks',
};

async function guarded<T>(target: SubmitError['target'], fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw new SubmitError(toApiError(err), target);
  }
}

/**
 * Dry-runs, then creates the new disks (skipping those `created` already holds from an earlier
 * attempt) and the VM. Adds each created disk to `created`.
 */
export async function createVm(
  values: VmFormValues,
  namespace: string,
  created: Set<string>,
  onProgress: (p: Progress) => void,
): Promise<void> {
  const disks = diskManifestsFromValues(values, namespace).filter((d) => !created.has(diskName(d)));
  const vm = vmManifestFromValues(values, namespace);
  const params = { namespace, resource: 'virtualdisks' } as const;
  onProgress({ stage: 'check' });
  for (const body of disks) {
    await guarded({ kind: 'VirtualDisk', name: diskName(body) }, () =>
      call(api.resourceCreate, { params, query: { dryRun: 'All' }, body }),
    );
  }
  await guarded({ kind: 'VirtualMachine', name: values.name }, () =>
    call(api.vmCreate, { params: { namespace }, query: { dryRun: 'All' }, body: vm }),
  );
  for (const body of disks) {
    const name = diskName(body);
    onProgress({ stage: 'disk', name });
    await guarded({ kind: 'VirtualDisk', name }, () => call(api.resourceCreate, { params, body }));
    created.add(name);
  }
  onProgress({ stage: 'vm', name: values.name });
  await guarded({ kind: 'VirtualMachine', name: values.name }, () =>
    call(api.vmCreate, { params: { namespace }, body: vm }),
  );
}

function diskName(d: Manifest): string {
  return d.metadata.name;
}
