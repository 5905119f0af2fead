import { generateMac, macLeaseName, macPrefixFromClusterUid, normalizeMac } from '@dvp/api';
import type { KubeObject } from '../../apiserver/types.ts';
import { isAlreadyExists, refOf } from '../runtime/client.ts';
import { Controller } from '../runtime/controller.ts';
import type { ControllerContext } from '../runtime/context.ts';
import { splitKey, type Informer } from '../runtime/informer.ts';
import {
  MAC_LEASE_REF,
  VM_REF,
  VM_UID_LABEL,
  VMMAC_REF,
  VMMAC_UID_LABEL,
  phaseOf,
  sameStatus,
  vmOwnerRef,
  withConditions,
  type Condition,
} from './common.ts';

interface Net {
  type: string;
  name?: string;
  virtualMachineMACAddressName?: string;
}
const netsOf = (vm: KubeObject): Net[] =>
  ((vm.spec as { networks?: Net[] } | undefined)?.networks ?? []).filter((n) => n.type !== 'Main');
const macOfLease = (name: string) => name.replace(/^mac-/, '').replaceAll('-', ':');
const LEASE_KEY = 'lease:';

/**
 * VirtualMachineMACAddress for the additional networks of VMs (`Network`/`ClusterNetwork` in
 * `spec.networks`, which need the sdn module the sandbox does not have): one VMMAC per such
 * interface (`generateName: <vm>-`, owned by the VM; removed with the network), each bound to a
 * cluster-scoped lease `mac-xx-xx-…`: the requested address, or the cluster's OUI (from the
 * kube-system namespace uid) with three random octets. Pending → Bound → Attached.
 */
export class VmmacController extends Controller {
  private vms!: Informer;
  private macs!: Informer;
  private leases!: Informer;
  private prefix: [number, number, number] | undefined;
  private readonly created = new Map<string, number>();

  constructor(ctx: ControllerContext) {
    super(ctx, 'vmmac');
  }

  setup(): void {
    this.vms = this.ctx.informers.for(VM_REF);
    this.macs = this.ctx.informers.for(VMMAC_REF);
    this.leases = this.ctx.informers.for(MAC_LEASE_REF);
    this.vms.addHandler({
      add: (vm) => this.enqueue(`vm:${vm.metadata.namespace}/${vm.metadata.name}`),
      update: (vm) => this.enqueue(`vm:${vm.metadata.namespace}/${vm.metadata.name}`),
    });
    this.macs.addHandler({
      add: (m) => this.enqueue(m),
      update: (m) => this.enqueue(m),
      delete: (m) => {
        for (const l of this.leases.list())
          if (l.metadata.labels?.[VMMAC_UID_LABEL] === m.metadata.uid)
            this.enqueue(`${LEASE_KEY}${l.metadata.name}`);
      },
    });
    this.leases.addHandler({ add: (l) => this.enqueue(`${LEASE_KEY}${l.metadata.name}`) });
  }

  async reconcile(key: string): Promise<void> {
    if (key.startsWith('vm:')) return this.claim(key.slice(3));
    if (key.startsWith(LEASE_KEY)) return this.collectLease(key.slice(LEASE_KEY.length));
    const { namespace, name } = splitKey(key);
    const mac = this.macs.get(name, namespace);
    if (!mac || mac.metadata.deletionTimestamp) return;
    const bound = await this.bind(mac);
    const vm = this.vms
      .list(namespace)
      .find(
        (v) =>
          v.metadata.uid === mac.metadata.labels?.[VM_UID_LABEL] ||
          netsOf(v).some((n) => n.virtualMachineMACAddressName === name),
      );
    const vmStatus = vm?.status as
      { networks?: Net[]; conditions?: { type: string; status: string }[] } | undefined;
    // Listed in the VM's status is not enough: without the sdn module (NetworkReady=False) the
    // interface exists in the spec only, the guest never gets it.
    const networkReady =
      vmStatus?.conditions?.find((c) => c.type === 'NetworkReady')?.status === 'True';
    const attached =
      networkReady &&
      (vmStatus?.networks ?? []).some((n) => n.virtualMachineMACAddressName === name);
    const conditions: Condition[] = [
      bound.condition,
      attached
        ? { type: 'Attached', status: 'True', reason: 'Attached', message: '' }
        : {
            type: 'Attached',
            status: 'False',
            reason: 'VirtualMachineNotFound',
            message: vm
              ? `VirtualMachine "${vm.metadata.name}" has not attached the interface yet (additional networks need the sdn module).`
              : 'No VirtualMachine uses this VirtualMachineMACAddress.',
          },
    ];
    const status = {
      phase: !bound.address ? 'Pending' : attached ? 'Attached' : 'Bound',
      address: bound.address ?? null,
      virtualMachineName: vm?.metadata.name ?? null,
      conditions: withConditions(mac, conditions),
      observedGeneration: mac.metadata.generation ?? null,
    };
    if (!sameStatus(mac, status)) await this.ctx.client.patchStatus(VMMAC_REF, mac, status);
  }

  /** Creates one VMMAC per additional network without a named one; deletes extra ones. */
  private async claim(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const vm = this.vms.get(name, namespace);
    if (!vm || vm.metadata.deletionTimestamp) return;
    const uid = vm.metadata.uid ?? '';
    const wanted = netsOf(vm).filter((n) => !n.virtualMachineMACAddressName).length;
    const mine = this.macs.list(namespace).filter((m) => m.metadata.labels?.[VM_UID_LABEL] === uid);
    const seen = Math.max(mine.length, this.created.get(uid) ?? 0);
    for (let i = seen; i < wanted; i += 1) {
      await this.ctx.client.create(VMMAC_REF, {
        apiVersion: `${VMMAC_REF.group}/${VMMAC_REF.version}`,
        kind: 'VirtualMachineMACAddress',
        metadata: {
          generateName: `${name}-`,
          namespace,
          labels: { [VM_UID_LABEL]: uid },
          ownerReferences: [vmOwnerRef(vm)],
        },
        spec: {},
      });
      this.created.set(uid, i + 1);
    }
    if (mine.length >= wanted) this.created.delete(uid);
    const extra = [...mine]
      .sort((a, b) =>
        (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? ''),
      )
      .slice(0, Math.max(0, mine.length - wanted));
    for (const m of extra)
      await this.ctx.client.delete(VMMAC_REF, m.metadata.name ?? '', namespace);
  }

  private async clusterPrefix(): Promise<[number, number, number]> {
    if (!this.prefix) {
      const ns = await this.ctx.client.get(refOf('', 'Namespace'), 'kube-system');
      this.prefix = macPrefixFromClusterUid(ns?.metadata.uid ?? 'dvp-sandbox');
    }
    return this.prefix;
  }

  private async bind(mac: KubeObject): Promise<{ address?: string; condition: Condition }> {
    const ns = mac.metadata.namespace ?? '';
    const name = mac.metadata.name ?? '';
    const uid = mac.metadata.uid ?? '';
    const ok = (address: string) => ({
      address,
      condition: { type: 'Bound', status: 'True' as const, reason: 'Bound', message: '' },
    });
    const own = this.leases.list().find((l) => l.metadata.labels?.[VMMAC_UID_LABEL] === uid);
    if (own) return ok(macOfLease(own.metadata.name ?? ''));
    const requested = (mac.spec as { address?: string } | undefined)?.address;
    const address = requested
      ? normalizeMac(requested)
      : generateMac(
          await this.clusterPrefix(),
          this.leases.list().map((l) => macOfLease(l.metadata.name ?? '')),
        );
    if (!address) throw new Error('no free MAC address after 1000 attempts');
    try {
      const lease = await this.ctx.client.create(MAC_LEASE_REF, {
        apiVersion: `${MAC_LEASE_REF.group}/${MAC_LEASE_REF.version}`,
        kind: 'VirtualMachineMACAddressLease',
        metadata: { name: macLeaseName(address), labels: { [VMMAC_UID_LABEL]: uid } },
        spec: { virtualMachineMACAddressRef: { name, namespace: ns } },
      });
      await this.ctx.client.patchStatus(MAC_LEASE_REF, lease, {
        phase: 'Bound',
        conditions: withConditions(lease, [
          { type: 'Bound', status: 'True', reason: 'Bound', message: '' },
        ]),
      });
      return ok(address);
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
      if (!requested) throw new Error(`MAC ${address} was leased concurrently`);
      return {
        condition: {
          type: 'Bound',
          status: 'False',
          reason: 'VirtualMachineMACAddressLeaseAlreadyExists',
          message: `The MAC address ${address} is already leased by another VirtualMachineMACAddress; choose another one or leave spec.address empty.`,
        },
      };
    }
  }

  /** MAC leases have no hold: a lease whose VMMAC is gone is deleted. */
  private async collectLease(name: string): Promise<void> {
    const lease = this.leases.get(name);
    if (!lease || phaseOf(lease) === '') return;
    const uid = lease.metadata.labels?.[VMMAC_UID_LABEL];
    if (uid && this.macs.list().some((m) => m.metadata.uid === uid)) return;
    await this.ctx.client.delete(MAC_LEASE_REF, name, undefined, {
      ...(lease.metadata.uid ? { uid: lease.metadata.uid } : {}),
    });
  }
}
