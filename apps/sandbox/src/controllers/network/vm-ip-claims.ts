import type { KubeObject } from '../../apiserver/types.ts';
import { Controller } from '../runtime/controller.ts';
import type { ControllerContext } from '../runtime/context.ts';
import type { Informer } from '../runtime/informer.ts';
import { splitKey } from '../runtime/informer.ts';
import {
  MODULE_CONFIG_REF,
  VM_REF,
  VM_UID_LABEL,
  VMIP_REF,
  cidrsOf,
  vmOwnerRef,
} from './common.ts';

/**
 * Creates the VirtualMachineIPAddress of every VM that does not name one
 * (`spec.virtualMachineIPAddressName`): `generateName: <vm>-`, owned by the VM (so it goes with
 * it unless the user removes the owner reference), labelled with the VM uid, type Auto. Nothing
 * is created while ModuleConfig/virtualization has no `virtualMachineCIDRs`.
 */
export class VmIpClaimController extends Controller {
  private vms!: Informer;
  private vmips!: Informer;
  private configs!: Informer;
  /** VM uids whose VMIP was created but not yet seen by the informer (no double create). */
  private readonly created = new Set<string>();

  constructor(ctx: ControllerContext) {
    super(ctx, 'vm-ip-claims');
  }

  setup(): void {
    this.vms = this.ctx.informers.for(VM_REF);
    this.vmips = this.ctx.informers.for(VMIP_REF);
    this.configs = this.ctx.informers.for(MODULE_CONFIG_REF);
    this.vms.addHandler({ add: (o) => this.enqueue(o), update: (o) => this.enqueue(o) });
    this.vmips.addIndex('vm-uid', (o) => {
      const uid = o.metadata.labels?.[VM_UID_LABEL];
      return uid ? [uid] : [];
    });
    const byVm = (o: KubeObject) => {
      const uid = o.metadata.labels?.[VM_UID_LABEL];
      if (!uid) return;
      this.created.delete(uid);
      for (const vm of this.vms.list(o.metadata.namespace))
        if (vm.metadata.uid === uid) this.enqueue(vm);
    };
    this.vmips.addHandler({ add: byVm, delete: byVm });
    this.configs.addHandler({
      add: () => this.enqueueAll(),
      update: () => this.enqueueAll(),
    });
  }

  private enqueueAll(): void {
    for (const vm of this.vms.list()) this.enqueue(vm);
  }

  async reconcile(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const vm = this.vms.get(name, namespace);
    if (!vm || vm.metadata.deletionTimestamp) return;
    const spec = vm.spec as { virtualMachineIPAddressName?: string } | undefined;
    if (spec?.virtualMachineIPAddressName) return;
    if (!cidrsOf(this.configs.get('virtualization'))) return;
    const uid = vm.metadata.uid ?? '';
    if (this.created.has(uid)) return;
    if (this.vmips.byIndex('vm-uid', uid).length > 0) return;
    this.created.add(uid);
    try {
      await this.ctx.client.create(VMIP_REF, {
        apiVersion: `${VMIP_REF.group}/${VMIP_REF.version}`,
        kind: 'VirtualMachineIPAddress',
        metadata: {
          generateName: `${name}-`,
          namespace,
          labels: { [VM_UID_LABEL]: uid },
          ownerReferences: [vmOwnerRef(vm)],
        },
        spec: { type: 'Auto' },
      });
    } catch (e) {
      this.created.delete(uid);
      throw e;
    }
  }
}
