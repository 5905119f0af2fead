import { ipFromLeaseName, ipLeaseName, isIpInVirtualMachineCidrs } from '@dvp/api';
import type { KubeObject } from '../../apiserver/types.ts';
import { isAlreadyExists } from '../runtime/client.ts';
import { Controller } from '../runtime/controller.ts';
import type { ControllerContext } from '../runtime/context.ts';
import { splitKey, type Informer } from '../runtime/informer.ts';
import { allocateRandomIp } from './allocate.ts';
import {
  IP_LEASE_REF,
  MODULE_CONFIG_REF,
  VM_REF,
  VM_UID_LABEL,
  VMIP_REF,
  VMIP_UID_LABEL,
  cidrsOf,
  phaseOf,
  sameStatus,
  withConditions,
  type Condition,
} from './common.ts';

interface LeaseRef {
  name?: string;
  namespace?: string;
}
const refOfLease = (l: KubeObject): LeaseRef =>
  (l.spec as { virtualMachineIPAddressRef?: LeaseRef } | undefined)?.virtualMachineIPAddressRef ??
  {};

/**
 * VirtualMachineIPAddress: binds an address through a cluster-scoped
 * VirtualMachineIPAddressLease (`ip-10-66-10-1`), a random free one for `Auto` or the requested
 * one for `Static` (a lease released by the same namespace within its hold may be taken back),
 * then reports Pending → Bound → Attached (once a VM's `status.virtualMachineIPAddressName`
 * names it). Conditions `Bound` and `Attached` with DVP's reasons.
 */
export class VmipController extends Controller {
  private vmips!: Informer;
  private leases!: Informer;
  private vms!: Informer;
  private configs!: Informer;

  constructor(ctx: ControllerContext) {
    super(ctx, 'vmip');
  }

  setup(): void {
    this.vmips = this.ctx.informers.for(VMIP_REF);
    this.leases = this.ctx.informers.for(IP_LEASE_REF);
    this.vms = this.ctx.informers.for(VM_REF);
    this.configs = this.ctx.informers.for(MODULE_CONFIG_REF);
    this.vmips.addHandler(this.self());
    this.leases.addIndex('vmip-uid', (l) => {
      const uid = l.metadata.labels?.[VMIP_UID_LABEL];
      return uid ? [uid] : [];
    });
    const fromLease = (l: KubeObject) => {
      const r = refOfLease(l);
      if (r.name && r.namespace) this.enqueue(`${r.namespace}/${r.name}`);
    };
    this.leases.addHandler({ add: fromLease, update: fromLease, delete: fromLease });
    const fromVm = (vm: KubeObject) => {
      const ns = vm.metadata.namespace ?? '';
      for (const ip of this.vmips.list(ns)) if (this.claimedBy(ip, vm)) this.enqueue(ip);
      const st = (vm.status as { virtualMachineIPAddressName?: string } | undefined)
        ?.virtualMachineIPAddressName;
      if (st) this.enqueue(`${ns}/${st}`);
    };
    this.vms.addHandler({ add: fromVm, update: fromVm, delete: fromVm });
    const all = () => {
      for (const ip of this.vmips.list())
        if (phaseOf(ip) === 'Pending' || !phaseOf(ip)) this.enqueue(ip);
    };
    this.configs.addHandler({ add: all, update: all });
  }

  /** True when `vm` uses `ip`: by name in its spec, or as its auto-created VMIP. */
  private claimedBy(ip: KubeObject, vm: KubeObject): boolean {
    if (vm.metadata.namespace !== ip.metadata.namespace) return false;
    const wanted = (vm.spec as { virtualMachineIPAddressName?: string } | undefined)
      ?.virtualMachineIPAddressName;
    if (wanted) return wanted === ip.metadata.name;
    return ip.metadata.labels?.[VM_UID_LABEL] === vm.metadata.uid;
  }

  async reconcile(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const ip = this.vmips.get(name, namespace);
    if (!ip || ip.metadata.deletionTimestamp) return;
    const bound = await this.bind(ip);
    const conditions: Condition[] = [bound.condition];
    const vm = this.vms.list(namespace).find((v) => this.claimedBy(ip, v));
    const attached =
      bound.address !== undefined &&
      vm !== undefined &&
      (vm.status as { virtualMachineIPAddressName?: string } | undefined)
        ?.virtualMachineIPAddressName === name;
    conditions.push(
      attached
        ? { type: 'Attached', status: 'True', reason: 'Attached', message: '' }
        : {
            type: 'Attached',
            status: 'False',
            reason: 'VirtualMachineNotFound',
            message: vm
              ? `VirtualMachine "${vm.metadata.name}" does not use the address yet.`
              : 'No VirtualMachine uses this VirtualMachineIPAddress.',
          },
    );
    const status = {
      phase: bound.address === undefined ? 'Pending' : attached ? 'Attached' : 'Bound',
      address: bound.address ?? null,
      virtualMachineName: vm?.metadata.name ?? null,
      conditions: withConditions(ip, conditions),
      observedGeneration: ip.metadata.generation ?? null,
    };
    if (!sameStatus(ip, status)) await this.ctx.client.patchStatus(VMIP_REF, ip, status);
  }

  /** Finds or makes this VMIP's lease; the `Bound` condition says how that went. */
  private async bind(ip: KubeObject): Promise<{ address?: string; condition: Condition }> {
    const ns = ip.metadata.namespace ?? '';
    const name = ip.metadata.name ?? '';
    const uid = ip.metadata.uid ?? '';
    const spec = ip.spec as { type?: string; staticIP?: string } | undefined;
    const ok = (address: string) => ({
      address,
      condition: { type: 'Bound', status: 'True' as const, reason: 'Bound', message: '' },
    });
    const fail = (reason: string, message: string) => ({
      condition: { type: 'Bound', status: 'False' as const, reason, message },
    });
    const mine = this.leases
      .byIndex('vmip-uid', uid)
      .find((l) => refOfLease(l).name === name && refOfLease(l).namespace === ns);
    if (
      mine &&
      (spec?.type !== 'Static' || ipFromLeaseName(mine.metadata.name ?? '') === spec.staticIP)
    ) {
      if (phaseOf(mine) !== 'Bound') await this.markLeaseBound(mine);
      return ok(ipFromLeaseName(mine.metadata.name ?? '') ?? '');
    }
    const cidrs = cidrsOf(this.configs.get('virtualization'));
    if (!cidrs) {
      return fail(
        'VirtualMachineIPAddressLeaseNotReady',
        'ModuleConfig/virtualization has no spec.settings.virtualMachineCIDRs: no addresses to lease.',
      );
    }
    let address: string;
    if (spec?.type === 'Static') {
      address = spec.staticIP ?? '';
      if (!isIpInVirtualMachineCidrs(address, cidrs)) {
        return fail(
          'VirtualMachineIPAddressIsOutOfTheValidRange',
          `The requested address ${address} is out of the valid range (${cidrs.join(', ')}).`,
        );
      }
      const existing = this.leases.get(ipLeaseName(address));
      if (existing) {
        const r = refOfLease(existing);
        const releasedHere = phaseOf(existing) === 'Released' && r.namespace === ns;
        if (!releasedHere && !(r.name === name && r.namespace === ns)) {
          return fail(
            'VirtualMachineIPAddressLeaseAlreadyExists',
            phaseOf(existing) === 'Released'
              ? `The address ${address} was released by namespace "${r.namespace}" and stays reserved for it for up to 10 minutes; choose another address.`
              : `The address ${address} is already leased to VirtualMachineIPAddress ${r.namespace}/${r.name}; choose another address.`,
          );
        }
        await this.takeLease(existing, ip);
        return ok(address);
      }
    } else {
      const picked = allocateRandomIp(
        cidrs,
        this.leases.list().map((l) => ipFromLeaseName(l.metadata.name ?? '') ?? ''),
      );
      if (!picked) {
        return fail(
          'VirtualMachineIPAddressLeaseNotReady',
          `No free address is left in ${cidrs.join(', ')}; delete unused VirtualMachineIPAddresses or add a range to virtualMachineCIDRs.`,
        );
      }
      address = picked;
    }
    try {
      const lease = await this.ctx.client.create(IP_LEASE_REF, {
        apiVersion: `${IP_LEASE_REF.group}/${IP_LEASE_REF.version}`,
        kind: 'VirtualMachineIPAddressLease',
        metadata: { name: ipLeaseName(address), labels: { [VMIP_UID_LABEL]: uid } },
        spec: { virtualMachineIPAddressRef: { name, namespace: ns } },
      });
      await this.markLeaseBound(lease);
    } catch (e) {
      // Another VMIP leased it between our look and our write: try again with fresh caches.
      if (isAlreadyExists(e)) throw new Error(`address ${address} was leased concurrently`);
      throw e;
    }
    return ok(address);
  }

  private async takeLease(lease: KubeObject, ip: KubeObject): Promise<void> {
    const updated = await this.ctx.client.patch(
      IP_LEASE_REF,
      lease.metadata.name ?? '',
      undefined,
      {
        metadata: { labels: { [VMIP_UID_LABEL]: ip.metadata.uid ?? '' } },
        spec: {
          virtualMachineIPAddressRef: { name: ip.metadata.name, namespace: ip.metadata.namespace },
        },
      },
    );
    await this.markLeaseBound(updated);
  }

  private async markLeaseBound(lease: KubeObject): Promise<void> {
    await this.ctx.client.patchStatus(IP_LEASE_REF, lease, {
      phase: 'Bound',
      conditions: withConditions(lease, [
        { type: 'Bound', status: 'True', reason: 'Bound', message: '' },
      ]),
      observedGeneration: lease.metadata.generation ?? null,
    });
  }
}
