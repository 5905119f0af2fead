import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../apiserver/types.ts';
import { pendingChanges, restartRelevant } from './changes.ts';
import { placeVm, type PlacementRequest } from './scheduler.ts';
import { notApplicable } from './vmop-rules.ts';

const node = (name: string, extra: Partial<KubeObject> & { ready?: boolean } = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name } },
  spec: extra.spec ?? {},
  status: {
    allocatable: { cpu: '1', memory: '1Gi' },
    conditions: [{ type: 'Ready', status: extra.ready === false ? 'Unknown' : 'True' }],
  },
});
const req = (r: Partial<PlacementRequest> = {}): PlacementRequest => ({
  name: 'vm',
  namespace: 'demo',
  cpuMilli: 200,
  memoryBytes: 256 * 1024 * 1024,
  ...r,
});

describe('placeVm', () => {
  const nodes = [node('n1'), node('n2')].map((n) => ({ node: n, alive: true }));

  it('spreads to the least loaded node', () => {
    const placed = [
      { name: 'x', namespace: 'demo', labels: {}, node: 'n1', cpuMilli: 500, memoryBytes: 0 },
    ];
    expect(placeVm(req(), nodes, placed)).toEqual({ node: 'n2' });
  });

  it('explains an unmatched selector as kube-scheduler does', () => {
    expect(placeVm(req({ nodeSelector: { disktype: 'ssd' } }), nodes, []).message).toBe(
      "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.",
    );
  });

  it('honours cordon, NotReady, taints, capacity and anti-affinity', () => {
    const cordoned = { node: node('n1', { spec: { unschedulable: true } }), alive: true };
    const notReady = { node: node('n2', { ready: false }), alive: true };
    expect(placeVm(req(), [cordoned, notReady], []).message).toMatch(
      /0\/2 nodes are available: .*not-ready.*, 1 node\(s\) were unschedulable\./,
    );
    const tainted = {
      node: node('n1', { spec: { taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] } }),
      alive: true,
    };
    expect(placeVm(req(), [tainted], []).message).toMatch(/untolerated taint \{k: v\}/);
    expect(
      placeVm(req({ tolerations: [{ key: 'k', operator: 'Exists' }] }), [tainted], []),
    ).toEqual({ node: 'n1' });
    expect(placeVm(req({ cpuMilli: 1500 }), nodes, []).message).toBe(
      '0/2 nodes are available: 2 Insufficient cpu.',
    );
    const other = [
      {
        name: 'db',
        namespace: 'demo',
        labels: { app: 'db' },
        node: 'n1',
        cpuMilli: 0,
        memoryBytes: 0,
      },
    ];
    const anti = {
      virtualMachineAndPodAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' },
        ],
      },
    };
    expect(placeVm(req({ affinity: anti }), nodes, other)).toEqual({ node: 'n2' });
  });
});

describe('pendingChanges', () => {
  it('lists restart-requiring changes with paths relative to spec; live fields are ignored', () => {
    const a = restartRelevant({ cpu: { cores: 1 }, runPolicy: 'Manual', memory: { size: '1Gi' } });
    const b = restartRelevant({
      cpu: { cores: 2 },
      runPolicy: 'AlwaysOn',
      memory: { size: '1Gi' },
    });
    expect(pendingChanges(a, b)).toEqual([
      { operation: 'replace', path: 'cpu.cores', currentValue: 1, desiredValue: 2 },
    ]);
  });
});

describe('notApplicable', () => {
  it('follows the phase × runPolicy table', () => {
    expect(notApplicable('Start', 'Stopped', 'AlwaysOn', false)?.reason).toBe(
      'NotApplicableForVirtualMachineRunPolicy',
    );
    expect(notApplicable('Migrate', 'Stopped', 'AlwaysOn', false)?.reason).toBe(
      'NotApplicableForVirtualMachinePhase',
    );
    expect(notApplicable('Stop', 'Stopping', 'Manual', true)).toBeUndefined();
    expect(notApplicable('Stop', 'Stopping', 'Manual', false)).toBeDefined();
  });
});
