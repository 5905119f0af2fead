import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../apiserver/types.ts';
import { runAdmission } from './index.ts';
import { memoryContext, moduleConfig, nsd, req } from './testing.ts';

const msgs = (o: KubeObject, objs: KubeObject[] = [], old?: KubeObject) =>
  runAdmission(req(o, old), memoryContext(objs)).causes.map((c) => c.message);

describe('ModuleConfig virtualization admission', () => {
  it('accepts the admin guide CIDRs, warning about the unaligned 10.77.20.0/16', () => {
    const r = runAdmission(
      req(moduleConfig(['10.66.10.0/24', '10.66.20.0/24', '10.77.20.0/16'])),
      memoryContext([]),
    );
    expect(r.causes).toEqual([]);
    expect(r.warnings).toEqual([
      'spec.settings.virtualMachineCIDRs[2]: 10.77.20.0/16 has host bits set; it denotes the network 10.77.0.0/16',
    ]);
  });

  it('refuses invalid and overlapping CIDRs', () => {
    expect(msgs(moduleConfig(['10.66.10.0/33']))).toEqual([
      'Invalid value: "10.66.10.0/33": invalid CIDR "10.66.10.0/33": bad prefix length',
    ]);
    expect(msgs(moduleConfig(['10.0.0.0/8', '10.66.10.0/24']))).toEqual([
      'subnets must not overlap, but there is an overlap between CIDRs 10.0.0.0/8 and 10.66.10.0/24. Please adjust the configuration to resolve this issue',
    ]);
  });

  it('cannot clear the list once set, nor remove a subnet in use', () => {
    const old = moduleConfig(['10.66.10.0/24', '10.77.0.0/24']);
    const vmip = nsd('VirtualMachineIPAddress', 'linux-vm', {
      spec: { type: 'Auto' },
      status: { address: '10.77.0.3' },
    });
    expect(msgs(moduleConfig([]), [], old)).toEqual([
      'virtualMachineCIDRs cannot be cleared once set: 0 VirtualMachineIPAddress resource(s) exist',
    ]);
    expect(msgs(moduleConfig(['10.66.10.0/24']), [vmip], old)).toEqual([
      `virtualMachineCIDRs item "10.77.0.0/24" can't be removed: VirtualMachineIPAddress ns/linux-vm holds the IP address 10.77.0.3 from this network`,
    ]);
    expect(msgs(moduleConfig(['10.77.0.0/24']), [vmip], old)).toEqual([]);
  });

  it('ignores other modules', () => {
    const other = { ...moduleConfig(['bad']), metadata: { name: 'sdn' } };
    expect(msgs(other)).toEqual([]);
  });
});
