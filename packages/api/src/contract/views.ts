import type { Event } from '../kinds/core.ts';
import type { ClusterVirtualImage, VirtualImage } from '../kinds/image.ts';
import type { VirtualDisk } from '../kinds/disk.ts';
import type { VirtualMachineIPAddress } from '../kinds/ip-mac.ts';
import type { VirtualMachine } from '../kinds/vm.ts';
import type { VirtualMachineBlockDeviceAttachment } from '../kinds/vmbda.ts';
import type { VirtualMachineClass } from '../kinds/vm-class.ts';
import type { VirtualMachineOperation } from '../kinds/vmop.ts';
import type { Condition } from '../meta.ts';
import type { SizingPolicyMatch } from '../rules/sizing-policy.ts';
import type { VmRow } from './rows.ts';

/** A project (DVP `Project`, or a plain namespace) with what it holds. */
export interface ProjectSummary {
  name: string;
  /** `Project` when a DVP Project backs it, `Namespace` otherwise. */
  source: 'Project' | 'Namespace';
  description?: string;
  /** Project `status.state` (Deployed, Deploying, Error) or the namespace phase. */
  state?: string;
  creationTimestamp?: string;
  /** Per kind (plural): total and count per phase. Kinds the user may not list are absent. */
  counts: Partial<Record<string, { total: number; byPhase: Record<string, number> }>>;
}

/** One change waiting for a restart (`status.restartAwaitingChanges`). */
export interface PendingChange {
  operation?: string;
  path?: string;
  currentValue?: unknown;
  desiredValue?: unknown;
}

/** `GET /api/v1/namespaces/:namespace/virtualmachines/:name`: everything the VM page shows. */
export interface VmDetail {
  vm: VirtualMachine;
  row: VmRow;
  class: VirtualMachineClass | null;
  /** How the VM's size matches the class's sizing policies (null without a class). */
  sizing: SizingPolicyMatch | null;
  disks: VirtualDisk[];
  images: (VirtualImage | ClusterVirtualImage)[];
  attachments: VirtualMachineBlockDeviceAttachment[];
  ipAddress: VirtualMachineIPAddress | null;
  /** Newest first. */
  operations: VirtualMachineOperation[];
  /** Events about the VM, newest first. */
  events: Event[];
  conditions: Condition[];
  pendingChanges: PendingChange[];
  /** Parts the user may not read (e.g. `virtualmachineclasses`): shown as unavailable, not as errors. */
  forbidden: string[];
}
