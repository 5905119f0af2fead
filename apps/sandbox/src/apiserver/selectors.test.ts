import { describe, expect, it } from 'vitest';

import { StatusError } from './errors.ts';
import {
  fieldGetter,
  labelSelectorFromObject,
  parseFieldSelector,
  parseLabelSelector,
} from './selectors.ts';
import type { KubeObject } from './types.ts';

const labels = { app: 'web', tier: 'frontend', 'vm.example.com/gen': '3', canary: '' };

function badRequest(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(StatusError);
    const s = (e as StatusError).status;
    expect(s.code).toBe(400);
    expect(s.reason).toBe('BadRequest');
    return s.message ?? '';
  }
  throw new Error('expected a 400');
}

describe('parseLabelSelector', () => {
  it.each([
    ['', true],
    ['app=web', true],
    ['app==web', true],
    ['app=db', false],
    ['app!=db', true],
    ['missing!=x', true],
    ['app in (web,db)', true],
    ['app in (db)', false],
    ['app notin (db, cache)', true],
    ['app notin (web)', false],
    ['missing notin (x)', true],
    ['app', true],
    ['missing', false],
    ['!missing', true],
    ['!app', false],
    ['canary=', true],
    ['canary in ()', true],
    ['app=web,tier=frontend', true],
    ['app=web, tier=backend', false],
    ['vm.example.com/gen>2', true],
    ['vm.example.com/gen<3', false],
    ['app>2', false],
    ['in=x', false],
    ['app in (in,web)', true],
  ])('%j matches → %s', (sel, want) => {
    expect(parseLabelSelector(sel).matches(labels)).toBe(want);
  });

  it('treats absent labels as an empty set', () => {
    expect(parseLabelSelector('!app').matches(undefined)).toBe(true);
    expect(parseLabelSelector('app').matches(undefined)).toBe(false);
  });

  it('exposes the parsed requirements', () => {
    expect(parseLabelSelector('env in (prod,dev),!canary').requirements).toEqual([
      { key: 'env', operator: 'in', values: ['dev', 'prod'] },
      { key: 'canary', operator: '!', values: [] },
    ]);
    expect(parseLabelSelector('a in (,x)').requirements[0]?.values).toEqual(['', 'x']);
  });

  it.each([
    ['app in (web', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['app in web', "unable to parse requirement: found 'web' expected: '('"],
    ['app web', "unable to parse requirement: found 'web', expected: in, notin, =, ==, !=, gt, lt"],
    ['app=web,', "found '', expected: identifier after ','"],
    ['app=web tier', "found 'tier', expected: ',' or 'end of string'"],
    [',app', "found ',', expected: !, identifier, or 'end of string'"],
    ['=web', "found '=', expected: !, identifier, or 'end of string'"],
    ['!=x', "found '!=', expected: !, identifier, or 'end of string'"],
    ['app=(x)', "unable to parse requirement: found '(', expected: identifier"],
    ['app in (a b)', "unable to parse requirement: found 'b', expected: ',' or ')'"],
    ['a>x', 'unable to parse requirement: values[0]: Invalid value: "x"'],
    ['-app=x', 'unable to parse requirement: key: Invalid value: "-app": name part must consist'],
    ['a/b/c', 'unable to parse requirement: key: Invalid value: "a/b/c": a qualified name'],
    ['Bad_Prefix/x', 'prefix part a lowercase RFC 1123 subdomain'],
    ['app=-web', 'unable to parse requirement: values[0][app]: Invalid value: "-web"'],
    [`app=${'x'.repeat(64)}`, 'must be no more than 63 characters'],
  ])('rejects %j', (sel, message) => {
    expect(badRequest(() => parseLabelSelector(sel))).toContain(message);
  });
});

describe('labelSelectorFromObject', () => {
  it('combines matchLabels and matchExpressions', () => {
    const sel = labelSelectorFromObject({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['frontend'] },
        { key: 'legacy', operator: 'DoesNotExist' },
      ],
    });
    expect(sel.matches(labels)).toBe(true);
    expect(sel.matches({ ...labels, legacy: 'y' })).toBe(false);
  });

  it('rejects unknown operators', () => {
    expect(
      badRequest(() =>
        labelSelectorFromObject({
          matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }],
        }),
      ),
    ).toContain('"Gt" is not a valid label selector operator');
  });
});

const vm: KubeObject = {
  apiVersion: 'virtualization.deckhouse.io/v1alpha2',
  kind: 'VirtualMachine',
  metadata: { name: 'web-1', namespace: 'prod' },
  status: { phase: 'Running' },
};

const event: KubeObject = {
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'web-1.17f', namespace: 'prod' },
  involvedObject: {
    apiVersion: 'virtualization.deckhouse.io/v1alpha2',
    kind: 'VirtualMachine',
    name: 'web-1',
    namespace: 'prod',
    uid: 'a1b2',
  },
  reason: 'Started',
  type: 'Normal',
  source: { component: 'virtualization-controller' },
};

describe('parseFieldSelector', () => {
  it('selects custom resources by name and namespace', () => {
    expect(parseFieldSelector('metadata.name=web-1', 'VirtualMachine').matches(vm)).toBe(true);
    expect(parseFieldSelector('metadata.name==web-2', 'VirtualMachine').matches(vm)).toBe(false);
    expect(parseFieldSelector('metadata.namespace!=prod', 'VirtualMachine').matches(vm)).toBe(
      false,
    );
    expect(parseFieldSelector('', 'VirtualMachine').matches(vm)).toBe(true);
  });

  it('selects events the way kubectl describe asks', () => {
    const sel = parseFieldSelector(
      'involvedObject.name=web-1,involvedObject.namespace=prod,involvedObject.kind=VirtualMachine,involvedObject.uid=a1b2',
      'Event',
    );
    expect(sel.matches(event)).toBe(true);
    expect(sel.requirements).toHaveLength(4);
    expect(parseFieldSelector('involvedObject.uid=zz', 'Event').matches(event)).toBe(false);
    expect(parseFieldSelector('reason=Started,type!=Warning', 'Event').matches(event)).toBe(true);
    expect(parseFieldSelector('source=virtualization-controller', 'Event').matches(event)).toBe(
      true,
    );
  });

  it('falls back to reportingComponent for the event source', () => {
    const e = { ...event, source: {}, reportingComponent: 'sandbox' };
    expect(parseFieldSelector('source=sandbox', 'Event').matches(e)).toBe(true);
  });

  it('supports the kind-specific fields of core kinds', () => {
    const node: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: {} };
    expect(parseFieldSelector('spec.unschedulable=false', 'Node').matches(node)).toBe(true);
    expect(
      parseFieldSelector('spec.unschedulable=true', 'Node').matches({
        ...node,
        spec: { unschedulable: true },
      }),
    ).toBe(true);
    const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod' } };
    expect(parseFieldSelector('status.phase=Active', 'Namespace').matches(ns)).toBe(false);
    expect(
      parseFieldSelector('status.phase=Active', 'Namespace').matches({
        ...ns,
        status: { phase: 'Active' },
      }),
    ).toBe(true);
    const secret: KubeObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'prod' },
      type: 'kubernetes.io/dockerconfigjson',
    };
    expect(
      parseFieldSelector('type=kubernetes.io/dockerconfigjson', 'Secret').matches(secret),
    ).toBe(true);
  });

  it('unescapes values', () => {
    const o = { ...vm, metadata: { name: 'a,b=c\\d' } };
    expect(parseFieldSelector('metadata.name=a\\,b\\=c\\\\d', 'VirtualMachine').matches(o)).toBe(
      true,
    );
  });

  it.each([
    [
      'spec.cpu.cores=2',
      'VirtualMachine',
      '"spec.cpu.cores" is not a known field selector: only "metadata.name", "metadata.namespace"',
    ],
    ['foo=bar', 'Event', 'field label not supported: foo'],
    ['metadata.namespace=x', 'Node', 'field label not supported: metadata.namespace'],
    ['spec.unschedulable=true', 'Namespace', 'field label not supported: spec.unschedulable'],
    [
      'metadata.name',
      'VirtualMachine',
      "invalid selector: 'metadata.name'; can't understand 'metadata.name'",
    ],
    [
      'metadata.name=a=b',
      'VirtualMachine',
      'invalid field selector: unescaped character in value: =',
    ],
    [
      'metadata.name=a\\x',
      'VirtualMachine',
      'invalid field selector: invalid escape sequence: \\x',
    ],
  ])('rejects %j for %s', (sel, kind, message) => {
    expect(badRequest(() => parseFieldSelector(sel, kind))).toBe(message);
  });
});

describe('fieldGetter', () => {
  it('lists the selectable fields of a kind', () => {
    expect(fieldGetter('VirtualDisk').fields).toEqual(['metadata.name', 'metadata.namespace']);
    expect(fieldGetter('Namespace').fields).toEqual(['metadata.name', 'status.phase']);
    expect(fieldGetter('Event').fields).toContain('involvedObject.kind');
    expect(fieldGetter('Event').get(event, 'involvedObject.kind')).toBe('VirtualMachine');
  });
});
