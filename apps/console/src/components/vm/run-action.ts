import type { VmRow } from '@dvp/api';
import { api, call } from '../../api/client.ts';
import type { BulkAction } from './vm-actions.ts';

/**
 * Runs one VM action against the BFF: power actions create a VirtualMachineOperation as the
 * user; delete removes the VM (its disks stay). The result reaches the list through the stream.
 */
export async function runVmAction(row: VmRow, action: BulkAction): Promise<void> {
  const params = { namespace: row.namespace, name: row.name };
  if (action === 'delete') await call(api.vmDelete, { params });
  else await call(api.vmAction, { params: { ...params, action }, body: {} });
}

/** Cancels a running migration by deleting its VirtualMachineOperation. */
export async function cancelMigration(row: VmRow, opName: string): Promise<void> {
  await call(api.resourceDelete, {
    params: { namespace: row.namespace, resource: 'virtualmachineoperations', name: opName },
  });
}
