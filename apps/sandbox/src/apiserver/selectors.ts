/**
 * Label and field selectors as kube-apiserver parses them. The label selector grammar lives in
 * `@dvp/api` (shared with the BFF and console); here parse errors become 400 `StatusError`s.
 * Field selectors live in `field-selectors.ts` and are re-exported here.
 */
import {
  labelSelectorFromObject as fromObject,
  parseLabelSelector as parse,
  SelectorError,
  type LabelMatcher as LabelSelector,
} from '@dvp/api';
import { errors } from './errors.ts';

export type { LabelOperator, LabelRequirement, LabelMatcher as LabelSelector } from '@dvp/api';

function badRequest<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof SelectorError) throw errors.badRequest(e.message);
    throw e;
  }
}

/** Parses a `labelSelector` query parameter. Throws 400 BadRequest like kube-apiserver. */
export function parseLabelSelector(selector: string): LabelSelector {
  return badRequest(() => parse(selector));
}

/** A `metav1.LabelSelector` (`matchLabels` + `matchExpressions`), as owners and pools embed it. */
export function labelSelectorFromObject(sel: Parameters<typeof fromObject>[0]): LabelSelector {
  return badRequest(() => fromObject(sel));
}

export { fieldGetter, parseFieldSelector } from './field-selectors.ts';
export type { FieldGetter, FieldRequirement, FieldSelector } from './field-selectors.ts';
