import type { KubeObject } from '@dvp/api';
import { describe, expect, it } from 'vitest';
import { mergePatch } from '../../vms/detail/patch.ts';
import { classFormIssues, formFieldOf } from './issues.ts';
import {
  classFormDefaults,
  editableSpecOf,
  editableSpecOfClass,
  emptyPolicy,
  manifestOf,
  memoryQuantity,
  memoryText,
  valuesOf,
  type ClassFormValues,
} from './model.ts';

// The admin guide's form steps: range 1–4, shares 5…100%, memory 1–8 GiB step 1 GiB.
const guide: ClassFormValues = {
  ...classFormDefaults(),
  name: 'small',
  cpuType: 'Discovery',
  discovery: [
    { key: 'node-role.kubernetes.io/control-plane', operator: 'DoesNotExist', values: [] },
  ],
  nodeSelector: [{ key: 'node.deckhouse.io/group', operator: 'In', values: ['green'] }],
  policies: [
    {
      ...emptyPolicy(),
      fractions: ['5', '10', '20', '50', '100'],
      memMin: '1',
      memMax: '8',
      memStep: '0.5',
    },
  ],
};

describe('VM class form model', () => {
  it('builds the manifest of seed 002’s examples', () => {
    expect(manifestOf(guide)).toEqual({
      apiVersion: 'virtualization.deckhouse.io/v1alpha2',
      kind: 'VirtualMachineClass',
      metadata: { name: 'small' },
      spec: {
        cpu: {
          type: 'Discovery',
          discovery: {
            nodeSelector: {
              matchExpressions: [
                { key: 'node-role.kubernetes.io/control-plane', operator: 'DoesNotExist' },
              ],
            },
          },
        },
        nodeSelector: {
          matchExpressions: [{ key: 'node.deckhouse.io/group', operator: 'In', values: ['green'] }],
        },
        sizingPolicies: [
          {
            cores: { min: 1, max: 4 },
            memory: { min: '1Gi', max: '8Gi', step: '512Mi' },
            coreFractions: [5, 10, 20, 50, 100],
          },
        ],
      },
    });
    expect(classFormIssues(guide)).toEqual([]);
  });

  it('writes per-core memory under memory.perCore and keeps the step beside it', () => {
    const v = {
      ...guide,
      policies: [{ ...emptyPolicy(), perCore: true, memMin: '1', memMax: '2', memStep: '512Mi' }],
    };
    expect(editableSpecOf(v).sizingPolicies?.[0]?.memory).toEqual({
      perCore: { min: '1Gi', max: '2Gi' },
      step: '512Mi',
    });
  });

  it('reads GiB numbers and quantities for memory', () => {
    expect(memoryQuantity('1')).toBe('1Gi');
    expect(memoryQuantity('1.5')).toBe('1536Mi');
    expect(memoryQuantity('512Mi')).toBe('512Mi');
    expect(memoryQuantity(' ')).toBeUndefined();
    expect(memoryQuantity('0.3')).toBe('0.3Gi');
    expect(memoryText('8Gi')).toBe('8');
    expect(memoryText('512Mi')).toBe('512Mi');
  });

  it('round-trips an existing class, so an untouched edit patches nothing', () => {
    const generic: KubeObject = {
      apiVersion: 'virtualization.deckhouse.io/v1alpha2',
      kind: 'VirtualMachineClass',
      metadata: { name: 'generic', resourceVersion: '7' },
      spec: {
        cpu: { type: 'Model', model: 'Nehalem' },
        nodeSelector: {
          matchLabels: { zone: 'a' },
          matchExpressions: [{ key: 'gpu', operator: 'Exists' }],
        },
        sizingPolicies: [
          {
            cores: { min: 1, max: 4 },
            coreFractions: [5, 10, 20, 50, 100],
            defaultCoreFraction: 10,
          },
          { cores: { min: 5, max: 8 }, memory: { min: '5Gi', max: '16Gi', step: '1Gi' } },
          { cores: { min: 9, max: 16 }, coreFractions: [50, 100], dedicatedCores: [true, false] },
          {
            cores: { min: 17, max: 1024 },
            memory: { perCore: { min: '1Gi', max: '2Gi' } },
            coreFractions: [100],
          },
        ],
      },
    };
    const values = valuesOf(generic);
    expect(values.cpuType).toBe('Model');
    expect(values.model).toBe('Nehalem');
    expect(values.policies[3]?.perCore).toBe(true);
    expect(mergePatch(editableSpecOfClass(generic), editableSpecOf(values))).toBeUndefined();
    expect(classFormIssues(values, true)).toEqual([]);
    // Removing the placement conditions removes the whole nodeSelector.
    expect(
      mergePatch(editableSpecOfClass(generic), editableSpecOf({ ...values, nodeSelector: [] })),
    ).toEqual({
      nodeSelector: null,
    });
  });
});

describe('VM class form issues', () => {
  it('pins rule issues on the fields of the policy they concern', () => {
    const v: ClassFormValues = {
      ...guide,
      policies: [
        { ...emptyPolicy(), fractions: ['100'] },
        { ...emptyPolicy(), coresMin: '4', coresMax: '8', fractions: ['100'] },
        { ...emptyPolicy(), coresMin: '20', coresMax: '24' },
      ],
    };
    const fields = classFormIssues(v).map((i) => [i.field, i.key]);
    expect(fields).toEqual([
      ['policies.2.rule', 'classes.rule.noLimits'],
      ['policies.1.coresMin', 'classes.rule.overlap'],
    ]);
  });

  it('checks name, model, features and selector rows', () => {
    const keys = (v: Partial<ClassFormValues>) =>
      classFormIssues({ ...classFormDefaults(), name: 'ok', ...v }).map(
        (i) => `${i.field}:${i.key}`,
      );
    expect(keys({ name: '' })).toEqual(['name:classes.err.required']);
    expect(keys({ name: 'Bad_Name' })).toEqual(['name:classes.err.name']);
    expect(keys({ cpuType: 'Model' })).toEqual(['model:classes.err.model']);
    expect(keys({ cpuType: 'Features' })).toEqual(['features:classes.err.features']);
    expect(keys({ nodeSelector: [{ key: 'zone', operator: 'In', values: [] }] })).toEqual([
      'nodeSelector:classes.err.values',
    ]);
    // Editing: name and CPU cannot change, so they are not checked.
    expect(classFormIssues({ ...classFormDefaults(), cpuType: 'Model' }, true)).toEqual([]);
  });

  it('maps the server’s cause fields to form fields', () => {
    expect(formFieldOf('metadata.name')).toBe('name');
    expect(formFieldOf('spec.cpu.model')).toBe('model');
    expect(formFieldOf('spec.cpu')).toBe('cpuType');
    expect(formFieldOf('spec.sizingPolicies')).toBe('policies');
    expect(formFieldOf('spec.sizingPolicies[0].defaultCoreFraction')).toBe(
      'policies.0.defaultFraction',
    );
    expect(formFieldOf('spec.sizingPolicies[2].memory.perCore.max')).toBe('policies.2.memMax');
    expect(formFieldOf('spec.sizingPolicies[1].cores')).toBe('policies.1.rule');
    expect(formFieldOf('spec.tolerations')).toBeUndefined();
  });
});
