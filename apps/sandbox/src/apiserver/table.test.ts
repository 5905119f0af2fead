import { findDefinitionByKind, type ResourceDefinition } from '@dvp/api';
import { describe, expect, it } from 'vitest';

import { StatusError } from './errors.ts';
import {
  buildTable,
  cellValue,
  NAME_DESCRIPTION,
  negotiate,
  parseIncludeObject,
  tableColumns,
  watchEventTable,
} from './table.ts';
import type { KubeObject } from './types.ts';

function def(kind: string, group = 'virtualization.deckhouse.io'): ResourceDefinition {
  const d = findDefinitionByKind(group, kind);
  if (!d) throw new Error(`no definition for ${kind}`);
  return d;
}

const now = new Date('2025-03-01T12:00:00Z');

const vm: KubeObject = {
  apiVersion: 'virtualization.deckhouse.io/v1alpha2',
  kind: 'VirtualMachine',
  metadata: {
    name: 'web-1',
    namespace: 'prod',
    uid: '9d6f',
    resourceVersion: '42',
    creationTimestamp: '2025-03-01T11:54:30Z',
    labels: { app: 'web' },
    managedFields: [
      { manager: 'kubectl', operation: 'Apply', fieldsType: 'FieldsV1', fieldsV1: {} },
    ],
  },
  spec: { cpu: { cores: 2 } },
  status: {
    phase: 'Running',
    nodeName: 'node-a',
    ipAddress: '10.66.10.5',
    stats: { lastStartTime: '2025-03-01T09:00:00Z' },
    resources: { cpu: { cores: 2, coreFraction: '100%' }, memory: { size: '4Gi' } },
    conditions: [
      { type: 'AgentReady', status: 'True' },
      { type: 'Migratable', status: 'False' },
    ],
  },
};

const vd: KubeObject = {
  apiVersion: 'virtualization.deckhouse.io/v1alpha2',
  kind: 'VirtualDisk',
  metadata: {
    name: 'web-1-root',
    namespace: 'prod',
    resourceVersion: '43',
    creationTimestamp: '2025-02-27T07:00:00Z',
  },
  status: {
    phase: 'Ready',
    capacity: '20Gi',
    conditions: [{ type: 'InUse', status: 'True' }],
    attachedToVirtualMachines: [
      { name: 'old', mounted: false },
      { name: 'web-1', mounted: true },
    ],
    progress: '100%',
  },
};

describe('tableColumns', () => {
  it('puts Name first and then the printer columns with priorities', () => {
    const cols = tableColumns(def('VirtualMachine'));
    expect(cols[0]).toEqual({
      name: 'Name',
      type: 'string',
      format: 'name',
      description: NAME_DESCRIPTION,
      priority: 0,
    });
    expect(cols.map((c) => c.name)).toEqual([
      'Name',
      'Phase',
      'Uptime',
      'Cores',
      'CoreFraction',
      'Memory',
      'Need restart',
      'Agent',
      'Migratable',
      'Node',
      'IPAddress',
      'Age',
    ]);
    expect(cols.find((c) => c.name === 'Cores')?.priority).toBe(1);
    expect(cols.find((c) => c.name === 'Age')).toMatchObject({ type: 'date', format: '' });
  });

  it("describes a column without a description by its JSONPath, like kube's CRD tables", () => {
    const cols = tableColumns(def('VirtualDisk'));
    expect(cols.find((c) => c.name === 'Phase')?.description).toBe(
      'Custom resource definition column (in JSONPath format): .status.phase',
    );
  });
});

describe('buildTable', () => {
  it('renders VM rows with human ages, condition filters and nulls for missing values', () => {
    const table = buildTable(def('VirtualMachine'), [vm], {
      includeObject: 'Metadata',
      now,
      listMeta: { resourceVersion: '100' },
    });
    expect(table.kind).toBe('Table');
    expect(table.apiVersion).toBe('meta.k8s.io/v1');
    expect(table.metadata).toEqual({ resourceVersion: '100' });
    expect(table.rows[0]?.cells).toEqual([
      'web-1',
      'Running',
      '3h',
      '2',
      '100%',
      '4Gi',
      null,
      'True',
      'False',
      'node-a',
      '10.66.10.5',
      '5m30s',
    ]);
  });

  it('renders VD rows: the first mounted VM, priority columns and ages in days', () => {
    const table = buildTable(def('VirtualDisk'), [vd], { includeObject: 'None', now });
    expect(table.rows[0]).toEqual({
      cells: ['web-1-root', 'Ready', '20Gi', 'True', 'web-1', '100%', null, null, '2d5h'],
    });
    expect(table.metadata).toEqual({ resourceVersion: '43' });
  });

  it('carries PartialObjectMetadata without managedFields by default', () => {
    const table = buildTable(def('VirtualMachine'), [vm], { includeObject: 'Metadata', now });
    const object = table.rows[0]?.object;
    expect(object).toEqual({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: {
        name: 'web-1',
        namespace: 'prod',
        uid: '9d6f',
        resourceVersion: '42',
        creationTimestamp: '2025-03-01T11:54:30Z',
        labels: { app: 'web' },
      },
    });
  });

  it('carries the full object for includeObject=Object and uses the requested version', () => {
    const table = buildTable(def('VirtualMachine'), [vm], {
      includeObject: 'Object',
      now,
      version: 'v1beta1',
    });
    expect(table.apiVersion).toBe('meta.k8s.io/v1beta1');
    expect(table.rows[0]?.object).toBe(vm);
  });

  it('keeps list metadata and an empty rows array for an empty list', () => {
    const table = buildTable(def('VirtualMachine'), [], {
      includeObject: 'Metadata',
      now,
      listMeta: { resourceVersion: '7', continue: 'abc', remainingItemCount: 3 },
    });
    expect(table.rows).toEqual([]);
    expect(table.metadata).toEqual({
      resourceVersion: '7',
      continue: 'abc',
      remainingItemCount: 3,
    });
    expect(table.columnDefinitions).toHaveLength(12);
  });

  it('omits headers on request (later watch events)', () => {
    const table = watchEventTable(def('VirtualMachine'), vm, {
      includeObject: 'Metadata',
      now,
      omitHeaders: true,
    });
    expect(table.columnDefinitions).toBeUndefined();
    expect(table.rows).toHaveLength(1);
    expect(table.metadata.resourceVersion).toBe('42');
  });

  it('renders computed columns of built-in kinds', () => {
    const node: KubeObject = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: 'node-a',
        creationTimestamp: '2025-02-01T12:00:00Z',
        labels: { 'node-role.kubernetes.io/control-plane': '' },
      },
      spec: { unschedulable: true },
      status: {
        conditions: [{ type: 'Ready', status: 'True' }],
        addresses: [
          { type: 'Hostname', address: 'node-a' },
          { type: 'InternalIP', address: '10.0.0.2' },
        ],
        nodeInfo: { kubeletVersion: 'v1.32.0' },
      },
    };
    const table = buildTable(def('Node', ''), [node], { includeObject: 'None', now });
    expect(table.rows[0]?.cells.slice(0, 6)).toEqual([
      'node-a',
      'Ready,SchedulingDisabled',
      'control-plane',
      '28d',
      'v1.32.0',
      '10.0.0.2',
    ]);
  });
});

describe('cellValue', () => {
  it.each([
    ['string', 'x', 'x'],
    ['string', 2, '2'],
    ['string', 0.5, '0.5'],
    ['string', true, 'true'],
    ['string', { b: 1, a: '<x>' }, '{"a":"\\u003cx\\u003e","b":1}'],
    ['string', ['a', 'b'], '["a","b"]'],
    ['string', null, null],
    ['integer', 3.9, 3],
    ['integer', '3', null],
    ['number', 1.5, 1.5],
    ['number', 'x', null],
    ['boolean', false, false],
    ['boolean', 'true', null],
    ['date', '2025-03-01T11:00:00Z', '60m'],
    ['date', 'soon', '<invalid>'],
    ['date', '', '<unknown>'],
    ['date', 5, null],
  ] as const)('%s %j → %j', (type, value, want) => {
    expect(cellValue(type, value, now)).toEqual(want);
  });
});

describe('negotiate', () => {
  const kubectl =
    'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

  it('gives kubectl a v1 Table', () => {
    expect(negotiate(kubectl)).toEqual({
      table: true,
      version: 'v1',
      contentType: 'application/json;as=Table;v=v1;g=meta.k8s.io',
    });
  });

  it('falls back to v1beta1 when that is the only Table offered', () => {
    expect(negotiate('application/json;as=Table;v=v1beta1;g=meta.k8s.io')).toMatchObject({
      table: true,
      version: 'v1beta1',
    });
  });

  it.each([
    undefined,
    '',
    'application/json',
    '*/*',
    'application/json, */*',
    'application/json, */*;q=0.8',
    'application/vnd.kubernetes.protobuf,application/json',
    'application/json;as=Table;v=v2;g=meta.k8s.io,application/json',
    'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json',
    'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json',
    'application/*',
  ])('serves plain JSON for %j', (accept) => {
    expect(negotiate(accept)).toEqual({ table: false, contentType: 'application/json' });
  });

  it('honours q values', () => {
    expect(
      negotiate('application/json;q=0.5,application/json;as=Table;v=v1;g=meta.k8s.io;q=0.9'),
    ).toMatchObject({ table: true });
    expect(negotiate('application/json;as=Table;v=v1;g=meta.k8s.io;q=0,application/json')).toEqual({
      table: false,
      contentType: 'application/json',
    });
  });

  it.each([
    'application/yaml',
    'application/vnd.kubernetes.protobuf',
    'text/html',
    'application/json;q=0',
  ])('answers 406 for %j', (accept) => {
    try {
      negotiate(accept);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(StatusError);
      expect((e as StatusError).status).toMatchObject({ code: 406, reason: 'NotAcceptable' });
    }
  });
});

describe('parseIncludeObject', () => {
  it('defaults to Metadata and rejects unknown values', () => {
    expect(parseIncludeObject(null)).toBe('Metadata');
    expect(parseIncludeObject('Object')).toBe('Object');
    expect(parseIncludeObject('None')).toBe('None');
    expect(() => parseIncludeObject('All')).toThrow('unrecognized includeObject value: "All"');
  });
});
