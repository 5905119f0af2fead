import type { KindSchemaEntry } from '../schemas.ts';
import { VirtualDiskSchema } from './disk.ts';
import { ClusterVirtualImageSchema, VirtualImageSchema } from './image.ts';
import {
  VirtualMachineIPAddressLeaseSchema,
  VirtualMachineIPAddressSchema,
  VirtualMachineMACAddressLeaseSchema,
  VirtualMachineMACAddressSchema,
} from './ip-mac.ts';
import { VirtualMachinePoolSchema } from './pool.ts';
import { VirtualMachineRestoreSchema } from './restore.ts';
import {
  VirtualDiskSnapshotSchema,
  VirtualMachineSnapshotOperationSchema,
  VirtualMachineSnapshotSchema,
} from './snapshot.ts';
import { NodeUSBDeviceSchema, USBDeviceSchema } from './usb.ts';
import { VirtualMachineSchema } from './vm.ts';
import { VirtualMachineClassSchema, VirtualMachineClassV1alpha3Schema } from './vm-class.ts';
import { VirtualMachineBlockDeviceAttachmentSchema } from './vmbda.ts';
import { VirtualMachineOperationSchema } from './vmop.ts';

const G = 'virtualization.deckhouse.io';

const v1alpha2 = (kind: string, schema: KindSchemaEntry['schema']): KindSchemaEntry => ({
  group: G,
  version: 'v1alpha2',
  kind,
  schema,
});

/** Registry rows for the DVP kinds (virtualization.deckhouse.io). */
export const DVP_SCHEMAS: readonly KindSchemaEntry[] = [
  v1alpha2('ClusterVirtualImage', ClusterVirtualImageSchema),
  v1alpha2('NodeUSBDevice', NodeUSBDeviceSchema),
  v1alpha2('USBDevice', USBDeviceSchema),
  v1alpha2('VirtualDisk', VirtualDiskSchema),
  v1alpha2('VirtualDiskSnapshot', VirtualDiskSnapshotSchema),
  v1alpha2('VirtualImage', VirtualImageSchema),
  v1alpha2('VirtualMachineBlockDeviceAttachment', VirtualMachineBlockDeviceAttachmentSchema),
  v1alpha2('VirtualMachineClass', VirtualMachineClassSchema),
  {
    group: G,
    version: 'v1alpha3',
    kind: 'VirtualMachineClass',
    schema: VirtualMachineClassV1alpha3Schema,
  },
  v1alpha2('VirtualMachineIPAddress', VirtualMachineIPAddressSchema),
  v1alpha2('VirtualMachineIPAddressLease', VirtualMachineIPAddressLeaseSchema),
  v1alpha2('VirtualMachineMACAddress', VirtualMachineMACAddressSchema),
  v1alpha2('VirtualMachineMACAddressLease', VirtualMachineMACAddressLeaseSchema),
  v1alpha2('VirtualMachineOperation', VirtualMachineOperationSchema),
  v1alpha2('VirtualMachinePool', VirtualMachinePoolSchema),
  v1alpha2('VirtualMachineRestore', VirtualMachineRestoreSchema),
  v1alpha2('VirtualMachine', VirtualMachineSchema),
  v1alpha2('VirtualMachineSnapshotOperation', VirtualMachineSnapshotOperationSchema),
  v1alpha2('VirtualMachineSnapshot', VirtualMachineSnapshotSchema),
];
