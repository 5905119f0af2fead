import type { ExpressionValues } from './form/model.ts';

/** A selector row in kube's selector syntax: `group in (blue, green)`, `!gpu`, `zone=a`. */
export function expressionText(e: ExpressionValues): string {
  switch (e.operator) {
    case 'Exists':
      return e.key;
    case 'DoesNotExist':
      return `!${e.key}`;
    case 'NotIn':
      return `${e.key} notin (${e.values.join(', ')})`;
    default:
      return e.label && e.values.length === 1
        ? `${e.key}=${e.values[0] ?? ''}`
        : `${e.key} in (${e.values.join(', ')})`;
  }
}
