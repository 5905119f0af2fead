import { describe, expect, it } from 'vitest';

import { compileJsonPath, findJsonPath, JsonPathError } from './jsonpath.ts';

const vm = {
  apiVersion: 'virtualization.deckhouse.io/v1alpha2',
  kind: 'VirtualMachine',
  metadata: {
    name: 'web-1',
    namespace: 'prod',
    labels: { 'app.kubernetes.io/name': 'web', tier: 'frontend' },
    annotations: {
      'virtualmachineclass.virtualization.deckhouse.io/is-default-class': 'true',
    },
  },
  spec: {
    cpu: { cores: 2, coreFraction: '50%' },
    blockDeviceRefs: [
      { kind: 'VirtualDisk', name: 'root' },
      { kind: 'VirtualImage', name: 'iso' },
      { kind: 'VirtualDisk', name: 'data' },
    ],
  },
  status: {
    phase: 'Running',
    nodeName: null,
    conditions: [
      { type: 'AgentReady', status: 'True' },
      { type: 'Migratable', status: 'False', reason: 'NonMigratableDisk' },
    ],
    resources: { cpu: { cores: 2 } },
    attachedToVirtualMachines: [
      { name: 'old', mounted: false },
      { name: 'web-1', mounted: true },
    ],
  },
};

describe('findJsonPath', () => {
  it('follows dotted fields', () => {
    expect(findJsonPath('.status.phase', vm)).toEqual(['Running']);
    expect(findJsonPath('.status.resources.cpu.cores', vm)).toEqual([2]);
    expect(findJsonPath('{.metadata.name}', vm)).toEqual(['web-1']);
    expect(findJsonPath('$.metadata.namespace', vm)).toEqual(['prod']);
  });

  it('reads keys with dots via escapes and brackets', () => {
    const annotation = 'true';
    expect(
      findJsonPath(
        '.metadata.annotations.virtualmachineclass\\.virtualization\\.deckhouse\\.io/is-default-class',
        vm,
      ),
    ).toEqual([annotation]);
    expect(findJsonPath(".metadata.labels['app.kubernetes.io/name']", vm)).toEqual(['web']);
    expect(findJsonPath('.metadata.labels["app.kubernetes.io/name"]', vm)).toEqual(['web']);
    expect(findJsonPath(".metadata.labels['tier','app.kubernetes.io/name']", vm)).toEqual([
      'frontend',
      'web',
    ]);
  });

  it('indexes, slices and wildcards arrays', () => {
    expect(findJsonPath('.spec.blockDeviceRefs[0].name', vm)).toEqual(['root']);
    expect(findJsonPath('.spec.blockDeviceRefs[-1].name', vm)).toEqual(['data']);
    expect(findJsonPath('.spec.blockDeviceRefs[0,2].name', vm)).toEqual(['root', 'data']);
    expect(findJsonPath('.spec.blockDeviceRefs[1:].name', vm)).toEqual(['iso', 'data']);
    expect(findJsonPath('.spec.blockDeviceRefs[::2].name', vm)).toEqual(['root', 'data']);
    expect(findJsonPath('.spec.blockDeviceRefs[*].name', vm)).toEqual(['root', 'iso', 'data']);
    expect(findJsonPath('.spec.cpu.*', vm)).toEqual([2, '50%']);
    expect(findJsonPath('.spec.blockDeviceRefs[9].name', vm)).toEqual([]);
  });

  it('filters with string, boolean and existence tests', () => {
    expect(findJsonPath(".status.conditions[?(@.type=='AgentReady')].status", vm)).toEqual([
      'True',
    ]);
    expect(findJsonPath('.status.conditions[?(@.type=="Migratable")].reason', vm)).toEqual([
      'NonMigratableDisk',
    ]);
    expect(findJsonPath(".status.conditions[?(@.type != 'AgentReady')].type", vm)).toEqual([
      'Migratable',
    ]);
    expect(findJsonPath('.status.attachedToVirtualMachines[?(@.mounted==true)].name', vm)).toEqual([
      'web-1',
    ]);
    expect(findJsonPath('.status.conditions[?(@.reason)].type', vm)).toEqual(['Migratable']);
    expect(findJsonPath(".spec.blockDeviceRefs[?(@.kind=='VirtualDisk')].name", vm)).toEqual([
      'root',
      'data',
    ]);
    expect(
      findJsonPath('.status.attachedToVirtualMachines[?(@.mounted=="true")].name', vm),
    ).toEqual([]);
  });

  it('compares numbers in filters', () => {
    const data = { items: [{ n: 1 }, { n: 5 }, { n: 10 }] };
    expect(findJsonPath('.items[?(@.n > 4)].n', data)).toEqual([5, 10]);
    expect(findJsonPath('.items[?(@.n<=5)].n', data)).toEqual([1, 5]);
    expect(findJsonPath('.items[?(@.n==10)].n', data)).toEqual([10]);
  });

  it('descends recursively', () => {
    expect(findJsonPath('..cores', vm)).toEqual([2, 2]);
  });

  it('yields nothing for missing keys and wrong shapes instead of failing', () => {
    expect(findJsonPath('.status.ipAddress', vm)).toEqual([]);
    expect(findJsonPath('.status.phase.deeper', vm)).toEqual([]);
    expect(findJsonPath('.status.conditions.type', vm)).toEqual([]);
    expect(findJsonPath(".status[?(@.type=='x')]", vm)).toEqual([]);
    expect(findJsonPath('.status.nodeName.x', vm)).toEqual([]);
  });

  it('returns an explicit null value', () => {
    expect(findJsonPath('.status.nodeName', vm)).toEqual([null]);
  });
});

describe('compileJsonPath errors', () => {
  it.each([
    'status.phase',
    '.status[',
    '.status[abc]',
    '.status[1:2:3:4]',
    ".status['unterminated]",
    '.status.',
    '.status..',
    '.a[?(@.x==)]',
    '.a[?(foo)]',
    '.a[?@.x]',
    '.a[]',
    '.a b',
  ])('rejects %s', (expr) => {
    expect(() => compileJsonPath(expr)).toThrow(JsonPathError);
  });
});
