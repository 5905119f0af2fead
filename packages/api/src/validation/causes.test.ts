import { z } from 'zod';
import { describe, expect, it } from 'vitest';

import { formatCauses } from '../status.ts';
import { formatFieldPath, zodIssuesToCauses } from './causes.ts';
import { celIssue } from './issues.ts';
import { patternString } from './patterns.ts';

function causesOf(schema: z.ZodType, input: unknown) {
  const r = schema.safeParse(input);
  if (r.success) throw new Error('expected failure');
  return zodIssuesToCauses(r.error.issues, input);
}

describe('zodIssuesToCauses', () => {
  it('formats paths as kube-apiserver does', () => {
    expect(formatFieldPath(['spec', 'blockDeviceRefs', 0, 'kind'])).toBe(
      'spec.blockDeviceRefs[0].kind',
    );
    expect(formatFieldPath([])).toBe('');
  });

  it('words string length, type and required errors', () => {
    const s = z.object({ a: z.string().min(2).max(3), b: z.boolean(), c: z.string() });
    expect(causesOf(s, { a: 'abcd', b: 'yes' })).toEqual([
      {
        reason: 'FieldValueTooLong',
        field: 'a',
        message: 'Too long: may not be more than 3 bytes',
      },
      {
        reason: 'FieldValueTypeInvalid',
        field: 'b',
        message: 'Invalid value: "string": b in body must be of type boolean: "string"',
      },
      { reason: 'FieldValueRequired', field: 'c', message: 'Required value' },
    ]);
    expect(causesOf(s, { a: 'x', b: true, c: 'c' })).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'a',
        message: 'Invalid value: "x": a in body should be at least 2 chars long',
      },
    ]);
  });

  it('reports type errors of arrays, objects and null', () => {
    const s = z.object({ list: z.array(z.string()), obj: z.object({}) });
    expect(causesOf(s, { list: {}, obj: [] })).toEqual([
      {
        reason: 'FieldValueTypeInvalid',
        field: 'list',
        message: 'Invalid value: "object": list in body must be of type array: "object"',
      },
      {
        reason: 'FieldValueTypeInvalid',
        field: 'obj',
        message: 'Invalid value: "array": obj in body must be of type object: "array"',
      },
    ]);
  });

  it('prints CRD patterns as written in the CRD (Go named groups)', () => {
    const s = z.object({ image: patternString('^(?P<name>[a-z]+)$') });
    expect(causesOf(s, { image: 'A' })).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'image',
        message: 'Invalid value: "A": image in body should match \'^(?P<name>[a-z]+)$\'',
      },
    ]);
  });

  it('words custom CEL issues with the schema type and plain custom issues with the value', () => {
    const cel = z.object({ n: z.int() }).superRefine((_, ctx) => celIssue(ctx, 'no way'));
    expect(causesOf(z.object({ spec: cel }), { spec: { n: 1 } })).toEqual([
      { reason: 'FieldValueInvalid', field: 'spec', message: 'Invalid value: "object": no way' },
    ]);
    const plain = z.object({ n: z.int().refine((n) => n % 2 === 0, 'must be even') });
    expect(causesOf(plain, { n: 3 })).toEqual([
      { reason: 'FieldValueInvalid', field: 'n', message: 'Invalid value: 3: must be even' },
    ]);
  });

  it('builds the Status message kube-apiserver would build', () => {
    const s = z.object({ spec: z.object({ runPolicy: z.enum(['AlwaysOn']), cores: z.int() }) });
    const causes = causesOf(s, { spec: { runPolicy: 'X' } });
    expect(formatCauses(causes)).toBe(
      '[spec.runPolicy: Unsupported value: "X": supported values: "AlwaysOn", spec.cores: Required value]',
    );
  });
});
