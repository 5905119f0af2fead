import type { KubeObject, VmPlacement } from '@dvp/api';
import { describe, expect, it } from 'vitest';
import { nodeInfo, placementIndex, vmCpuMilli, vmMemoryBytes } from './model.ts';
import { classPlacement, drainPlan, type ClassPlacement } from './plan.ts';

const node = (
  name: string,
  o: {
    ready?: boolean;
    unschedulable?: boolean;
    cpu?: string;
    memory?: string;
    labels?: Record<string, string>;
    taints?: { key: string; value?: string; effect: string }[];
  } = {},
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name,
    labels: {
      'kubernetes.io/hostname': name,
      'cpu-model.node.virtualization.deckhouse.io/Nehalem': 'true',
      ...o.labels,
    },
  },
  spec: { ...(o.unschedulable ? { unschedulable: true } : {}), taints: o.taints ?? [] },
  status: {
    conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }],
    allocatable: { cpu: o.cpu ?? '2', memory: o.memory ?? '4Gi', pods: '110' },
  },
});

const vm = (name: string, nodeName: string, o: Partial<VmPlacement> = {}): VmPlacement => ({
  namespace: 'demo',
  name,
  uid: `uid-${name}`,
  phase: 'Running',
  node: nodeName,
  className: 'generic',
  cores: 1,
  coreFraction: '50%',
  memory: '1Gi',
  migratable: true,
  runPolicy: 'AlwaysOnUnlessStoppedManually',
  liveMigrationPolicy: 'PreferSafe',
  ...o,
});

const generic: KubeObject = {
  apiVersion: 'virtualization.deckhouse.io/v1alpha3',
  kind: 'VirtualMachineClass',
  metadata: { name: 'generic' },
  spec: { cpu: { type: 'Model', model: 'Nehalem' } },
};
const classes = new Map<string, ClassPlacement>([['generic', classPlacement(generic)]]);

describe('nodes and reservations', () => {
  it('reads readiness, cordon, allocatable and CPU models of a node', () => {
    const n = nodeInfo(
      node('n1', { unschedulable: true, cpu: '1500m', memory: '12052Mi', ready: false }),
    );
    expect(n).toMatchObject({
      name: 'n1',
      ready: false,
      unschedulable: true,
      cpuMilli: 1500,
      memoryBytes: 12052 * 1024 * 1024,
      cpuModels: ['Nehalem'],
    });
  });

  it('reserves cores × core fraction and memory per node', () => {
    expect(vmCpuMilli({ cores: 2, coreFraction: '10%' })).toBe(200);
    expect(vmCpuMilli({ cores: 2, coreFraction: 'Auto' })).toBe(2000);
    expect(vmMemoryBytes({ memory: '512Mi' })).toBe(512 * 1024 * 1024);
    const items = [vm('a', 'n1'), vm('b', 'n1', { cores: 2 }), vm('c', 'n2'), vm('off', '')];
    const idx = placementIndex(items);
    expect(idx.byNode.get('n1')).toEqual({ vms: 2, cpuMilli: 1500, memoryBytes: 2 * 1024 ** 3 });
    expect(idx.vmsByNode.get('n2')?.map((v) => v.name)).toEqual(['c']);
    // Memoized per list: the same index object for the same array.
    expect(placementIndex(items)).toBe(idx);
  });
});

describe('the drain plan', () => {
  it('evicts migratable VMs and predicts the least loaded fitting node', () => {
    const nodes = [node('n1'), node('n2'), node('n3')].map(nodeInfo);
    const items = [
      vm('a', 'n1'),
      vm('b', 'n1'),
      vm('busy', 'n2', { cores: 2, coreFraction: '50%' }),
    ];
    const plan = drainPlan('n1', nodes, items, classes);
    expect(plan.evictions).toBe(2);
    expect(plan.staying).toBe(0);
    // n3 is empty, so `a` goes there; then n3 has 500m used and n2 1000m: `b` goes to n3 too.
    expect(plan.entries.map((e) => [e.vm.name, e.target])).toEqual([
      ['a', 'n3'],
      ['b', 'n3'],
    ]);
  });

  it('keeps non-migratable, terminating and migrating VMs with the reason', () => {
    const nodes = [node('n1'), node('n2')].map(nodeInfo);
    const items = [
      vm('local', 'n1', {
        migratable: false,
        notMigratableReason: 'disk "local-root" uses node-local storage',
        runPolicy: 'AlwaysOn',
      }),
      vm('gone', 'n1', { deletionTimestamp: '2026-01-01T00:00:00Z' }),
      vm('moving', 'n1', { phase: 'Migrating' }),
      vm('booting', 'n1', { phase: 'Starting' }),
    ];
    const plan = drainPlan('n1', nodes, items, classes);
    expect(plan.evictions).toBe(0);
    expect(plan.staying).toBe(4);
    const by = Object.fromEntries(plan.entries.map((e) => [e.vm.name, e]));
    expect(by.local?.blocker).toEqual({
      code: 'notMigratable',
      detail: 'disk "local-root" uses node-local storage',
    });
    expect(by.local?.notes).toEqual(['runPolicyAlwaysOn']);
    expect(by.gone?.blocker).toEqual({ code: 'terminating' });
    expect(by.moving?.blocker).toEqual({ code: 'migrating' });
    expect(by.booting?.blocker).toEqual({ code: 'phase', phase: 'Starting' });
    expect(plan.entries.every((e) => e.target === undefined)).toBe(true);
  });

  it('explains why no node fits: cordoned, not ready, selector, taint, capacity', () => {
    const nodes = [
      node('n1'),
      node('cordoned', { unschedulable: true }),
      node('down', { ready: false }),
      node('other-zone', { labels: { zone: 'b' } }),
      node('tainted', { labels: { zone: 'a' }, taints: [{ key: 'gpu', effect: 'NoSchedule' }] }),
      node('small', { labels: { zone: 'a' }, cpu: '400m' }),
      node('full', { labels: { zone: 'a' }, memory: '512Mi' }),
    ].map(nodeInfo);
    const plan = drainPlan('n1', nodes, [vm('a', 'n1', { nodeSelector: { zone: 'a' } })], classes);
    expect(plan.entries[0]?.target).toBeUndefined();
    expect(plan.entries[0]?.evict).toBe(true);
    expect(plan.entries[0]?.noFit).toEqual({
      cordoned: 1,
      notReady: 1,
      selector: 1,
      taint: 1,
      cpu: 1,
      memory: 1,
    });
  });

  it('honours tolerations, required node affinity and the class CPU model', () => {
    const nodes = [
      node('n1'),
      node('tainted', { taints: [{ key: 'gpu', value: 'yes', effect: 'NoSchedule' }] }),
      node('old-cpu', { labels: { 'cpu-model.node.virtualization.deckhouse.io/Nehalem': 'no' } }),
    ].map(nodeInfo);
    const tolerant = vm('t', 'n1', {
      tolerations: [{ key: 'gpu', operator: 'Equal', value: 'yes', effect: 'NoSchedule' }],
    });
    expect(drainPlan('n1', nodes, [tolerant], classes).entries[0]?.target).toBe('tainted');
    const pinned = vm('p', 'n1', {
      affinity: true,
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            {
              matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['x'] }],
            },
          ],
        },
      },
    });
    const p = drainPlan('n1', nodes, [pinned], classes).entries[0];
    expect(p?.target).toBeUndefined();
    expect(p?.notes).toContain('affinityNotEvaluated');
    // Without the class list the class rules are skipped (and the plan says so).
    const unknown = drainPlan('n1', nodes, [vm('u', 'n1')], undefined).entries[0];
    expect(unknown?.notes).toContain('classUnknown');
    expect(unknown?.target).toBe('old-cpu');
    // The class's CPU model rules old-cpu out; the taint rules out the other.
    expect(drainPlan('n1', nodes, [vm('u', 'n1')], classes).entries[0]?.noFit).toEqual({
      selector: 1,
      taint: 1,
    });
  });

  it('uses the class availableNodes when the class reports them', () => {
    const nodes = [node('n1'), node('n2'), node('n3')].map(nodeInfo);
    const cls = classPlacement({ ...generic, status: { availableNodes: ['n1', 'n3'] } });
    const plan = drainPlan('n1', nodes, [vm('a', 'n1')], new Map([['generic', cls]]));
    expect(plan.entries[0]?.target).toBe('n3');
  });

  it('notes migration policies and unknown migratability', () => {
    const nodes = [node('n1'), node('n2')].map(nodeInfo);
    const plan = drainPlan(
      'n1',
      nodes,
      [
        vm('safe', 'n1', { liveMigrationPolicy: 'AlwaysSafe' }),
        vm('forced', 'n1', { liveMigrationPolicy: 'PreferForced' }),
        vm('unknown', 'n1', { migratable: null }),
      ],
      classes,
    );
    expect(plan.entries.map((e) => [e.vm.name, e.notes])).toEqual([
      ['forced', ['forced']],
      ['safe', ['alwaysSafe']],
      ['unknown', ['migratableUnknown']],
    ]);
  });
});
