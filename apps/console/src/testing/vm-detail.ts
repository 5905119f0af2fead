import { VirtualMachineSchema, type VmDetail } from '@dvp/api';
import { vmRowFixture } from './vm-row.ts';

/**
 * A VM page's data for unit tests: a Running VM with one boot disk and nothing around it.
 * `vm` is merged into the VM's manifest (metadata, spec, status); `extra` overrides the rest.
 */
export function vmDetailFixture(
  vm: { metadata?: object; spec?: object; status?: object } = {},
  extra: Partial<Omit<VmDetail, 'vm'>> = {},
): VmDetail {
  const row = vmRowFixture();
  return {
    vm: VirtualMachineSchema.parse({
      apiVersion: 'virtualization.deckhouse.io/v1alpha2',
      kind: 'VirtualMachine',
      metadata: { name: row.name, namespace: row.namespace, ...vm.metadata },
      spec: {
        virtualMachineClassName: 'generic',
        cpu: { cores: 1 },
        memory: { size: '1Gi' },
        blockDeviceRefs: [{ kind: 'VirtualDisk', name: 'root' }],
        ...vm.spec,
      },
      ...(vm.status ? { status: vm.status } : {}),
    }),
    row,
    class: null,
    sizing: null,
    disks: [],
    images: [],
    attachments: [],
    ipAddress: null,
    operations: [],
    events: [],
    conditions: [],
    pendingChanges: [],
    forbidden: [],
    ...extra,
  };
}
