/// <reference types="node" />
// Tests may read their fixtures from disk; product code in packages/api may not (eslint bans
// Node built-ins there), hence the reference above and the disable below.
// eslint-disable-next-line no-restricted-imports
import { readdirSync, readFileSync } from 'node:fs';
// eslint-disable-next-line no-restricted-imports
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { findDefinitionByKind } from '../resources.ts';
import { validateObject } from '../schemas.ts';
import { unknownFields } from '../validation/unknown-fields.ts';
import { seedManifests } from './index.ts';

const dir = import.meta.dirname;
const yamlFiles = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

function groupVersion(apiVersion: string): [string, string] {
  const i = apiVersion.lastIndexOf('/');
  return i < 0 ? ['', apiVersion] : [apiVersion.slice(0, i), apiVersion.slice(i + 1)];
}

describe('seed manifests', () => {
  it('index.ts embeds exactly the .yaml files of this folder', () => {
    expect(seedManifests.map((m) => m.file).sort()).toEqual([...yamlFiles].sort());
    for (const m of seedManifests) {
      const text = readFileSync(join(dir, m.file), 'utf8');
      expect(text).toBe(`# from seed ${m.seed}, section "${m.section}"\n${m.yaml}`);
    }
  });

  it('covers seeds 000, 001, 002 and 004', () => {
    expect(new Set(seedManifests.map((m) => m.seed))).toEqual(
      new Set(['000', '001', '002', '004']),
    );
    expect(seedManifests.length).toBe(46);
  });

  it.each(seedManifests.map((m) => [m.file, m] as const))('%s parses with its schema', (_, m) => {
    const obj = parse(m.yaml) as { apiVersion: string; kind: string; metadata: { name: string } };
    expect(obj.kind).toBe(m.kind);
    expect(obj.metadata.name).toBe(m.name);
    const [group, version] = groupVersion(obj.apiVersion);
    expect(findDefinitionByKind(group, obj.kind)).toBeDefined();
    const result = validateObject(group, obj.kind, version, obj);
    expect(result).toEqual(expect.objectContaining({ ok: true }));
  });

  it('keeps every field the seeds use (the docs win where they and the CRDs differ)', () => {
    const pruned = seedManifests.flatMap((m) => {
      const obj = parse(m.yaml) as { apiVersion: string; kind: string };
      const [group, version] = groupVersion(obj.apiVersion);
      const result = validateObject(group, obj.kind, version, obj);
      return result?.ok ? unknownFields(obj, result.object).map((f) => `${m.file}: ${f}`) : [];
    });
    // Seed 004's snapshots pick volume snapshot classes, a field the current CRD dropped: the
    // schema keeps it so `kubectl apply --validate=strict` of the documented example works.
    expect(pruned).toEqual([]);
  });
});
