import { z } from 'zod';
import { describe, expect, it } from 'vitest';

import { resourceDefinitions } from '../resources.ts';
import { kindSchemas, schemaFor, validateObject } from '../schemas.ts';
import { realisticObjects } from './realistic.testdata.ts';

describe('schema registry', () => {
  it('has a schema for every kind and served version in resourceDefinitions', () => {
    const missing = resourceDefinitions.flatMap((d) =>
      d.versions
        .filter((v) => !schemaFor(d.group, d.kind, v.name))
        .map((v) => `${d.group}/${v.name}/${d.kind}`),
    );
    expect(missing).toEqual([]);
  });

  it('serves VirtualMachineClass in v1alpha2 and v1alpha3', () => {
    const g = 'virtualization.deckhouse.io';
    expect(schemaFor(g, 'VirtualMachineClass', 'v1alpha2')).toBeDefined();
    expect(schemaFor(g, 'VirtualMachineClass', 'v1alpha3')).toBeDefined();
    expect(schemaFor(g, 'VirtualMachineClass', 'v1')).toBeUndefined();
    expect(schemaFor('', 'VirtualMachine', 'v1alpha2')).toBeUndefined();
  });

  it('has no rows for kinds outside the resource table', () => {
    const known = new Set(
      resourceDefinitions.flatMap((d) => d.versions.map((v) => `${d.group}/${v.name}/${d.kind}`)),
    );
    expect(kindSchemas.filter((e) => !known.has(`${e.group}/${e.version}/${e.kind}`))).toEqual([]);
  });

  it('has a realistic object for every registry row', () => {
    const covered = new Set(realisticObjects.map((o) => `${o.group}/${o.version}/${o.kind}`));
    expect(
      kindSchemas.map((e) => `${e.group}/${e.version}/${e.kind}`).filter((k) => !covered.has(k)),
    ).toEqual([]);
  });

  it.each(realisticObjects.map((o) => [`${o.group}/${o.version}/${o.kind}`, o] as const))(
    '%s: a realistic object parses and round-trips',
    (_, o) => {
      const result = validateObject(o.group, o.kind, o.version, o.object);
      if (!result?.ok) throw new Error(JSON.stringify(result));
      // A stored object parses to itself: defaults are idempotent and nothing more is pruned.
      expect(validateObject(o.group, o.kind, o.version, result.object)).toEqual(result);
    },
  );

  it('rejects an object of the wrong kind for the schema', () => {
    const result = validateObject('virtualization.deckhouse.io', 'VirtualDisk', 'v1alpha2', {
      apiVersion: 'virtualization.deckhouse.io/v1alpha2',
      kind: 'VirtualImage',
      metadata: { name: 'x' },
      spec: {},
    });
    expect(result).toEqual({
      ok: false,
      causes: [
        {
          reason: 'FieldValueNotSupported',
          field: 'kind',
          message: 'Unsupported value: "VirtualImage": supported values: "VirtualDisk"',
        },
      ],
    });
  });

  it('drops nulls before defaulting, as kube-apiserver prunes them', () => {
    const result = validateObject(
      'virtualization.deckhouse.io',
      'VirtualDiskSnapshot',
      'v1alpha2',
      {
        apiVersion: 'virtualization.deckhouse.io/v1alpha2',
        kind: 'VirtualDiskSnapshot',
        metadata: { name: 's', creationTimestamp: null },
        spec: { virtualDiskName: 'd', requiredConsistency: null },
      },
    );
    expect(result).toEqual({
      ok: true,
      object: expect.objectContaining({
        metadata: { name: 's' },
        spec: { virtualDiskName: 'd', requiredConsistency: true },
      }) as unknown,
    });
  });

  it('returns undefined for unknown kinds', () => {
    expect(validateObject('example.com', 'Widget', 'v1', {})).toBeUndefined();
  });
});

describe('schemas as OpenAPI', () => {
  it.each(kindSchemas.map((e) => [`${e.group}/${e.version}/${e.kind}`, e] as const))(
    '%s converts to an OpenAPI 3.0 schema with its fields',
    (_, e) => {
      // The sandbox publishes these for `kubectl explain`; transforms would turn them into `{}`.
      const json = z.toJSONSchema(e.schema, { target: 'openapi-3.0', io: 'input' }) as {
        type?: string;
        properties?: Record<string, unknown>;
      };
      expect(json.type).toBe('object');
      expect(Object.keys(json.properties ?? {})).toEqual(
        expect.arrayContaining(['apiVersion', 'kind', 'metadata']),
      );
    },
  );
});
