import { describe, expect, it } from 'vitest';
import { runAdmission } from './index.ts';
import { dvp, edited, memoryContext, req } from './testing.ts';
import { DEFAULT_CLASS_ANNOTATION } from './vm.ts';

const cls = (name: string, sizingPolicies: unknown[] = [], isDefault = false) =>
  dvp(
    'VirtualMachineClass',
    name,
    { spec: { cpu: { type: 'Host' }, sizingPolicies } },
    isDefault ? { annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' } } : {},
  );

describe('VirtualMachineClass admission', () => {
  it('accepts consecutive ranges', () => {
    const ok = cls('c', [{ cores: { min: 1, max: 4 } }, { cores: { min: 5, max: 8 } }]);
    expect(runAdmission(req(ok), memoryContext([]))).toEqual({ causes: [], warnings: [] });
  });

  it('refuses overlapping ranges (admin guide)', () => {
    const bad = cls('c', [{ cores: { min: 1, max: 4 } }, { cores: { min: 4, max: 8 } }]);
    expect(runAdmission(req(bad), memoryContext([])).causes).toEqual([
      {
        reason: 'FieldValueForbidden',
        field: 'spec.sizingPolicies',
        message: 'vmclass c has size policy cpu crosses',
      },
    ]);
  });

  it('refuses a defaultCoreFraction outside coreFractions', () => {
    const bad = cls('c', [
      { cores: { min: 1, max: 4 }, coreFractions: [5, 10], defaultCoreFraction: 20 },
    ]);
    expect(runAdmission(req(bad), memoryContext([])).causes[0]?.field).toBe(
      'spec.sizingPolicies[0].defaultCoreFraction',
    );
  });

  it('keeps spec.cpu immutable but lets policies change', () => {
    const old = cls('c');
    const cpu = edited(
      old,
      (o) => ((o.spec as { cpu: unknown }).cpu = { type: 'HostPassthrough' }),
    );
    expect(runAdmission(req(cpu, old), memoryContext([old])).causes).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'spec.cpu',
        message: 'Invalid value: "object": .spec.cpu is immutable',
      },
    ]);
    const policies = cls('c', [{ cores: { min: 1, max: 2 } }]);
    expect(runAdmission(req(policies, old), memoryContext([old])).causes).toEqual([]);
  });

  it('allows only one default class', () => {
    const current = cls('generic', [], true);
    const second = cls('fast', [], true);
    const r = runAdmission(req(second), memoryContext([current]));
    expect(r.causes[0]?.message).toBe(
      `multiple default virtual machine classes are prohibited, current default class is generic. (tip: to assign new default class first remove '${DEFAULT_CLASS_ANNOTATION}' annotation from the current default class)`,
    );
    // Re-saving the default class itself is fine.
    expect(runAdmission(req(current, current), memoryContext([current])).causes).toEqual([]);
  });
});
