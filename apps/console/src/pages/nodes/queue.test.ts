import type { KubeObject, VmPlacement } from '@dvp/api';
import { describe, expect, it } from 'vitest';
import { opRef, parseOpRefs } from './actions.ts';
import { queueRows } from './EvacuationQueue.tsx';

const op = (name: string, vm: string, type: string, phase: string): KubeObject => ({
  apiVersion: 'virtualization.deckhouse.io/v1alpha2',
  kind: 'VirtualMachineOperation',
  metadata: { name, namespace: 'demo', uid: `uid-${name}` },
  spec: { type, virtualMachineName: vm },
  status: { phase },
});

const placed = (name: string): VmPlacement => ({
  namespace: 'demo',
  name,
  uid: `vm-${name}`,
  phase: 'Running',
  node: 'n1',
  migratable: true,
});

describe('the evacuation queue', () => {
  it('keeps the drain operations in the URL as namespace/name', () => {
    const refs = [opRef('demo', 'a-evict-x'), opRef('team', 'b-evict-y')].join(',');
    expect(parseOpRefs(refs)).toEqual([
      { namespace: 'demo', name: 'a-evict-x' },
      { namespace: 'team', name: 'b-evict-y' },
    ]);
    expect(parseOpRefs('bad,,/x,a/')).toEqual([]);
    expect(parseOpRefs(null)).toEqual([]);
  });

  it("shows the drain's operations and unfinished migrations of VMs still on the node", () => {
    const ops = new Map([
      [
        'demo',
        [
          op('a-evict-x', 'a', 'Evict', 'Completed'),
          op('evacuation-b-1', 'b', 'Evict', 'InProgress'),
          op('b-start', 'b', 'Start', 'InProgress'),
          op('c-migrate', 'c', 'Migrate', 'Completed'),
        ],
      ],
    ]);
    const rows = queueRows(
      [
        { namespace: 'demo', name: 'a-evict-x' },
        { namespace: 'demo', name: 'gone' },
      ],
      ops,
      [placed('b'), placed('c')],
    );
    expect(rows.map((r) => [r.name, r.vm, r.op?.status?.phase])).toEqual([
      ['a-evict-x', 'a', 'Completed'],
      ['gone', '', undefined],
      ['evacuation-b-1', 'b', 'InProgress'],
    ]);
  });
});
