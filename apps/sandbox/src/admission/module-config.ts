/**
 * `ModuleConfig/virtualization` admission (deckhouse/virtualization cf3a9e6c4,
 * `pkg/controller/moduleconfig/{cidrs,remove_cidrs}_validator.go`, dvp-api.md §16):
 * `virtualMachineCIDRs` must be valid and non-overlapping (unaligned ones get a warning); once set the list
 * cannot be cleared; a subnet still holding a VirtualMachineIPAddress cannot be removed.
 */
import {
  cidrContains,
  cidrNetworkText,
  cidrsOverlap,
  isNetworkAligned,
  parseCidr,
  parseIpv4,
  type Cidr,
} from '@dvp/api';
import type {
  AdmissionContext,
  AdmissionPlugin,
  AdmissionRequest,
  AdmissionResult,
} from './types.ts';
import {
  DECKHOUSE,
  DVP,
  Findings,
  allowed,
  isSpecWrite,
  list,
  nameOf,
  namespaceOf,
  str,
} from './util.ts';

const FIELD = 'spec.settings.virtualMachineCIDRs';

function cidrTexts(obj: unknown): string[] {
  return list(obj, 'spec', 'settings', 'virtualMachineCIDRs').filter(
    (c): c is string => typeof c === 'string',
  );
}

function parseAll(texts: string[], f: Findings): Cidr[] {
  const out: Cidr[] = [];
  texts.forEach((text, i) => {
    const r = parseCidr(text);
    if (!r.ok) {
      f.invalid(`${FIELD}[${i}]`, text, r.message);
    } else {
      // DVP parses with Go's netip, which masks host bits; the admin guide itself lists
      // `10.77.20.0/16`. So an unaligned CIDR is accepted, with a warning naming its network.
      if (!isNetworkAligned(r.cidr)) {
        f.warn(
          `${FIELD}[${i}]: ${text} has host bits set; it denotes the network ${cidrNetworkText(r.cidr)}`,
        );
      }
      out.push(r.cidr);
    }
  });
  for (let i = 0; i < out.length; i += 1) {
    for (let j = i + 1; j < out.length; j += 1) {
      const [a, b] = [out[i], out[j]];
      if (a && b && cidrsOverlap(a, b)) {
        f.deny(
          `subnets must not overlap, but there is an overlap between CIDRs ${a.text} and ${b.text}. Please adjust the configuration to resolve this issue`,
          FIELD,
        );
      }
    }
  }
  return out;
}

function checkRemoved(
  req: AdmissionRequest,
  ctx: AdmissionContext,
  after: string[],
  f: Findings,
): void {
  const removed = cidrTexts(req.oldObject).filter((c) => !after.includes(c));
  if (removed.length === 0) return;
  const vmips = ctx.list(DVP, 'VirtualMachineIPAddress');
  if (after.length === 0) {
    f.deny(
      `virtualMachineCIDRs cannot be cleared once set: ${vmips.length} VirtualMachineIPAddress resource(s) exist`,
      FIELD,
    );
    return;
  }
  for (const text of removed) {
    const r = parseCidr(text);
    if (!r.ok) continue;
    for (const vmip of vmips) {
      const address = str(vmip, 'status', 'address') || str(vmip, 'spec', 'staticIP') || '';
      const ip = parseIpv4(address);
      if (ip !== undefined && cidrContains(r.cidr, ip)) {
        f.deny(
          `virtualMachineCIDRs item ${JSON.stringify(text)} can't be removed: VirtualMachineIPAddress ${namespaceOf(vmip)}/${nameOf(vmip)} holds the IP address ${address} from this network`,
          FIELD,
        );
        break;
      }
    }
  }
}

function validate(req: AdmissionRequest, ctx: AdmissionContext): AdmissionResult {
  if (!isSpecWrite(req) || nameOf(req.object) !== 'virtualization') return allowed();
  const f = new Findings();
  const after = cidrTexts(req.object);
  parseAll(after, f);
  if (req.operation === 'UPDATE') checkRemoved(req, ctx, after, f);
  return f.result();
}

/** DVP's ModuleConfig webhook for the `virtualization` module. */
export const moduleConfigPlugin: AdmissionPlugin = {
  group: DECKHOUSE,
  kind: 'ModuleConfig',
  validate,
};
