/**
 * VirtualMachineIPAddress and VirtualMachineMACAddress admission (deckhouse/virtualization
 * cf3a9e6c4, `pkg/controller/vmip/vmip_webhook.go`, dvp-api.md §11). Leases are looked up by
 * their derived names (`ip-10-66-10-1`, `mac-aa-bb-...`); a lease that points at the object
 * being written, or that its namespace released (and still holds), does not count as taken.
 */
import { ipLeaseName, isIpInVirtualMachineCidrs, isIpv4, isValidMac, macLeaseName } from '@dvp/api';
import type { KubeObject } from '../apiserver/types.ts';
import type {
  AdmissionContext,
  AdmissionPlugin,
  AdmissionRequest,
  AdmissionResult,
} from './types.ts';
import {
  DVP,
  Findings,
  allowed,
  conditionReason,
  conditionStatus,
  isSpecWrite,
  nameOf,
  namespaceOf,
  phaseOf,
  specChanged,
  str,
  virtualMachineCidrs,
} from './util.ts';

const NO_CIDRS =
  'ModuleConfig/virtualization has no configured IP ranges in the spec.settings.virtualMachineCIDRs field';

/**
 * True when a lease exists for someone else. A Released lease stays reserved for the namespace
 * that released it (DVP's 10-minute hold), so it is free only for that namespace.
 */
function takenByOther(lease: KubeObject | undefined, owner: KubeObject, refField: string): boolean {
  if (!lease) return false;
  const ref = lease.spec && (lease.spec as Record<string, unknown>)[refField];
  const mine = str(ref, 'name') === nameOf(owner) && str(ref, 'namespace') === namespaceOf(owner);
  if (mine) return false;
  const released = conditionReason(lease, 'Bound') === 'Released' || phaseOf(lease) === 'Released';
  return !released || str(ref, 'namespace') !== namespaceOf(owner);
}

function checkIpSpec(vmip: KubeObject, f: Findings): boolean {
  const type = str(vmip, 'spec', 'type');
  const ip = str(vmip, 'spec', 'staticIP') ?? '';
  if (type === 'Static') {
    if (!ip) {
      f.required(
        'spec.staticIP',
        "the 'Static IP' field should be set for the IP address with the 'Static' type",
      );
      return false;
    }
    if (!isIpv4(ip)) {
      f.invalid(
        'spec.staticIP',
        ip,
        `the specified static IP address ${JSON.stringify(ip)} is not a valid textual representation of an IP address`,
      );
      return false;
    }
  } else if (type === 'Auto' && ip) {
    f.forbidden(
      'spec.staticIP',
      `The 'Static IP' field is set for the ${nameOf(vmip)} IP address with the 'Auto' type`,
    );
    return false;
  }
  return true;
}

function checkBound(req: AdmissionRequest, f: Findings): void {
  const old = req.oldObject;
  if (
    !old ||
    !(conditionStatus(old, 'Bound') === 'True' || ['Bound', 'Attached'].includes(phaseOf(old)))
  )
    return;
  const vmip = req.object;
  const [oldType, newType] = [str(old, 'spec', 'type'), str(vmip, 'spec', 'type')];
  const ip = str(vmip, 'spec', 'staticIP') ?? '';
  if (oldType === 'Auto' && newType === 'Static') {
    const current = str(old, 'status', 'address') ?? '';
    if (ip !== current) {
      f.invalid(
        'spec.staticIP',
        ip,
        `only type change Auto->Static is allowed: can't change current IP ${current} to the specified ${ip}`,
      );
    }
    return;
  }
  if (oldType !== newType) {
    f.forbidden(
      'spec.type',
      "the VirtualMachineIPAddress is in 'Bound' state -> type cannot be changed",
    );
  } else if (newType === 'Static' && ip !== (str(old, 'spec', 'staticIP') ?? '')) {
    f.forbidden(
      'spec.staticIP',
      "the VirtualMachineIPAddress is in 'Bound' state -> static IP cannot be changed",
    );
  }
}

function validateIp(req: AdmissionRequest, ctx: AdmissionContext): AdmissionResult {
  if (!isSpecWrite(req)) return allowed();
  if (req.operation === 'UPDATE' && !specChanged(req)) return allowed();
  const f = new Findings();
  const vmip = req.object;
  const cidrs = virtualMachineCidrs(ctx);
  if (!cidrs) {
    return f.deny(`the VirtualMachineIPAddress cannot be used: ${NO_CIDRS}`, 'spec').result();
  }
  if (!checkIpSpec(vmip, f)) return f.result();
  const ip = str(vmip, 'spec', 'staticIP') ?? '';
  const oldIp = str(req.oldObject, 'spec', 'staticIP') ?? '';
  if (ip && (req.operation === 'CREATE' || ip !== oldIp)) {
    if (!isIpInVirtualMachineCidrs(ip, cidrs)) {
      // DVP refuses an out-of-range address on create but only warns on update.
      if (req.operation === 'CREATE')
        f.invalid('spec.staticIP', ip, `the requested address ${ip} is out of the valid range`);
      else f.warn(`The requested address ${ip} is out of the valid range`);
    }
    const lease = ctx.get(DVP, 'VirtualMachineIPAddressLease', ipLeaseName(ip));
    if (takenByOther(lease, vmip, 'virtualMachineIPAddressRef')) {
      const heldFor = str(lease?.spec, 'virtualMachineIPAddressRef', 'namespace');
      f.invalid(
        'spec.staticIP',
        ip,
        phaseOf(lease) === 'Released'
          ? `the specified IP address ${ip} has already been allocated and has not been released: namespace ${heldFor ?? ''} released it and holds it for 10 minutes`
          : `the specified IP address ${ip} has already been allocated and has not been released`,
      );
    }
  }
  checkBound(req, f);
  return f.result();
}

function validateMac(req: AdmissionRequest, ctx: AdmissionContext): AdmissionResult {
  if (!isSpecWrite(req)) return allowed();
  if (req.operation === 'UPDATE' && !specChanged(req)) return allowed();
  const f = new Findings();
  const vmmac = req.object;
  const mac = str(vmmac, 'spec', 'address');
  if (!mac) return f.result();
  if (!isValidMac(mac)) {
    return f.invalid('spec.address', mac, 'must be a MAC address like aa:bb:cc:dd:ee:ff').result();
  }
  const lease = ctx.get(DVP, 'VirtualMachineMACAddressLease', macLeaseName(mac));
  if (takenByOther(lease, vmmac, 'virtualMachineMACAddressRef')) {
    f.invalid('spec.address', mac, `the specified MAC address ${mac} has already been allocated`);
  }
  return f.result();
}

/** DVP's VirtualMachineIPAddress webhook. */
export const virtualMachineIPAddressPlugin: AdmissionPlugin = {
  group: DVP,
  kind: 'VirtualMachineIPAddress',
  validate: validateIp,
};

/** DVP's VirtualMachineMACAddress webhook. */
export const virtualMachineMACAddressPlugin: AdmissionPlugin = {
  group: DVP,
  kind: 'VirtualMachineMACAddress',
  validate: validateMac,
};
