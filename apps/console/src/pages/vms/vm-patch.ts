import type { VirtualMachine } from '@dvp/api';
import { api, call } from '../../api/client.ts';
import { writeOnUnchanged } from '../../api/conflicts.ts';

/** A VM merge patch without its resourceVersion (added per attempt). */
export interface VmPatch {
  metadata?: Record<string, unknown>;
  [field: string]: unknown;
}

/**
 * PATCHes the VM the user edited (`base`) with its resourceVersion. The VM's controller writes
 * status all the time; a Conflict from such a write, where `same` finds the parts the user edited
 * as they were, is sent again on the fresh copy (read through the VM page's view, which reads the
 * VM fresh). Answers the VM as saved.
 */
export function patchVm(opts: {
  base: VirtualMachine;
  patch: VmPatch;
  same: (fresh: VirtualMachine) => boolean;
  dryRun?: boolean;
}): Promise<VirtualMachine> {
  const { base, patch } = opts;
  const params = { namespace: base.metadata.namespace ?? '', name: base.metadata.name ?? '' };
  return writeOnUnchanged({
    resourceVersion: base.metadata.resourceVersion ?? '',
    write: (resourceVersion) =>
      call(api.vmPatch, {
        params,
        ...(opts.dryRun ? { query: { dryRun: 'All' as const } } : {}),
        body: { ...patch, metadata: { ...patch.metadata, resourceVersion } },
      }),
    read: async () => (await call(api.vmView, { params })).vm,
    same: opts.same,
  });
}
