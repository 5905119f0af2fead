import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../apiserver/types.ts';
import { runAdmission } from './index.ts';
import { dvp, edited, memoryContext, moduleConfig, nsd, req } from './testing.ts';

const mc = moduleConfig(['10.66.10.0/24']);
const vmip = (spec: Record<string, unknown>, name = 'linux-vm') =>
  nsd('VirtualMachineIPAddress', name, { spec });
const ipLease = (ip: string, owner: string, released = false, namespace = 'ns'): KubeObject =>
  dvp(`VirtualMachineIPAddressLease`, `ip-${ip.replaceAll('.', '-')}`, {
    spec: { virtualMachineIPAddressRef: { name: owner, namespace } },
    status: {
      phase: released ? 'Released' : 'Bound',
      conditions: [
        {
          type: 'Bound',
          status: released ? 'False' : 'True',
          reason: released ? 'Released' : 'Bound',
        },
      ],
    },
  });
const msgs = (o: KubeObject, objs: KubeObject[], old?: KubeObject) =>
  runAdmission(req(o, old), memoryContext(objs)).causes.map((c) => c.message);

describe('VirtualMachineIPAddress admission', () => {
  it('needs virtualMachineCIDRs', () => {
    expect(msgs(vmip({ type: 'Auto' }), [moduleConfig()])).toEqual([
      'the VirtualMachineIPAddress cannot be used: ModuleConfig/virtualization has no configured IP ranges in the spec.settings.virtualMachineCIDRs field',
    ]);
    expect(msgs(vmip({ type: 'Auto' }), [mc])).toEqual([]);
  });

  it('ties staticIP to the Static type', () => {
    expect(msgs(vmip({ type: 'Static' }), [mc])).toEqual([
      "Required value: the 'Static IP' field should be set for the IP address with the 'Static' type",
    ]);
    expect(msgs(vmip({ type: 'Auto', staticIP: '10.66.10.5' }), [mc])).toEqual([
      "Forbidden: The 'Static IP' field is set for the linux-vm IP address with the 'Auto' type",
    ]);
    expect(msgs(vmip({ type: 'Static', staticIP: '10.66.10' }), [mc])[0]).toContain(
      'is not a valid textual representation of an IP address',
    );
  });

  it('accepts a usable static IP (user guide 10.66.10.1 style) and refuses network/broadcast/outside', () => {
    expect(msgs(vmip({ type: 'Static', staticIP: '10.66.10.14' }), [mc])).toEqual([]);
    for (const ip of ['10.66.10.0', '10.66.10.255', '10.66.11.5']) {
      expect(msgs(vmip({ type: 'Static', staticIP: ip }), [mc])).toEqual([
        `Invalid value: "${ip}": the requested address ${ip} is out of the valid range`,
      ]);
    }
  });

  it('refuses an address leased to someone else, not a released one or its own', () => {
    const ip = '10.66.10.14';
    expect(msgs(vmip({ type: 'Static', staticIP: ip }), [mc, ipLease(ip, 'other')])).toEqual([
      `Invalid value: "${ip}": the specified IP address ${ip} has already been allocated and has not been released`,
    ]);
    expect(msgs(vmip({ type: 'Static', staticIP: ip }), [mc, ipLease(ip, 'other', true)])).toEqual(
      [],
    );
    expect(msgs(vmip({ type: 'Static', staticIP: ip }), [mc, ipLease(ip, 'linux-vm')])).toEqual([]);
  });

  it('keeps a released address for the namespace that released it (the 10-minute hold)', () => {
    const ip = '10.66.10.15';
    expect(
      msgs(vmip({ type: 'Static', staticIP: ip }), [mc, ipLease(ip, '', true, 'elsewhere')]),
    ).toEqual([
      `Invalid value: "${ip}": the specified IP address ${ip} has already been allocated and has not been released: namespace elsewhere released it and holds it for 10 minutes`,
    ]);
    expect(msgs(vmip({ type: 'Static', staticIP: ip }), [mc, ipLease(ip, '', true)])).toEqual([]);
  });

  it('only warns for an out-of-range address on update', () => {
    const old = vmip({ type: 'Static', staticIP: '10.66.10.14' });
    const r = runAdmission(
      req(vmip({ type: 'Static', staticIP: '10.99.0.1' }), old),
      memoryContext([mc]),
    );
    expect(r.causes).toEqual([]);
    expect(r.warnings).toEqual(['The requested address 10.99.0.1 is out of the valid range']);
  });

  it('once Bound allows only Auto→Static keeping the address', () => {
    const bound = edited(
      vmip({ type: 'Auto' }),
      (o) =>
        (o.status = {
          phase: 'Bound',
          address: '10.66.10.7',
          conditions: [{ type: 'Bound', status: 'True' }],
        }),
    );
    const objs = [mc, ipLease('10.66.10.7', 'linux-vm')];
    expect(
      msgs(
        edited(bound, (o) => (o.spec = { type: 'Static', staticIP: '10.66.10.7' })),
        objs,
        bound,
      ),
    ).toEqual([]);
    expect(
      msgs(
        edited(bound, (o) => (o.spec = { type: 'Static', staticIP: '10.66.10.8' })),
        objs,
        bound,
      ),
    ).toEqual([
      `Invalid value: "10.66.10.8": only type change Auto->Static is allowed: can't change current IP 10.66.10.7 to the specified 10.66.10.8`,
    ]);
    const staticBound = edited(bound, (o) => (o.spec = { type: 'Static', staticIP: '10.66.10.7' }));
    expect(
      msgs(
        edited(staticBound, (o) => (o.spec = { type: 'Auto' })),
        objs,
        staticBound,
      ),
    ).toEqual([
      "Forbidden: the VirtualMachineIPAddress is in 'Bound' state -> type cannot be changed",
    ]);
    expect(
      msgs(
        edited(staticBound, (o) => (o.spec = { type: 'Static', staticIP: '10.66.10.9' })),
        objs,
        staticBound,
      ),
    ).toEqual([
      "Forbidden: the VirtualMachineIPAddress is in 'Bound' state -> static IP cannot be changed",
    ]);
  });
});

describe('VirtualMachineMACAddress admission', () => {
  const vmmac = (address?: string) =>
    nsd('VirtualMachineMACAddress', 'mac1', { spec: address ? { address } : {} });
  const lease = (owner: string) =>
    dvp('VirtualMachineMACAddressLease', 'mac-aa-bb-cc-dd-ee-ff', {
      spec: { virtualMachineMACAddressRef: { name: owner, namespace: 'ns' } },
    });

  it('accepts an empty (generated) or well-formed address', () => {
    expect(msgs(vmmac(), [])).toEqual([]);
    expect(msgs(vmmac('AA:BB:CC:DD:EE:FF'), [])).toEqual([]);
  });

  it('refuses bad formats and leased addresses', () => {
    expect(msgs(vmmac('aa:bb:cc'), [])).toHaveLength(1);
    expect(msgs(vmmac('AA-BB-CC-DD-EE-FF'), [lease('other')])).toEqual([
      'Invalid value: "AA-BB-CC-DD-EE-FF": the specified MAC address AA-BB-CC-DD-EE-FF has already been allocated',
    ]);
    expect(msgs(vmmac('aa:bb:cc:dd:ee:ff'), [lease('mac1')])).toEqual([]);
  });
});
