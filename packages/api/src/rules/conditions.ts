/**
 * `metav1.Condition` lists (`status.conditions`): read and upsert by `type`, keeping
 * `lastTransitionTime` unless the status actually changes (apimachinery `meta.SetStatusCondition`).
 */

/**
 * The fields of a `metav1.Condition` these helpers touch; the full type is `Condition` in
 * `meta.ts`. Kept minimal so partially built conditions (reason/message pending) fit too.
 */
export interface ConditionLike {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
}

/** The condition of `type`, if present. */
export function getCondition<T extends ConditionLike>(
  conditions: readonly T[] | undefined,
  type: string,
): T | undefined {
  return conditions?.find((c) => c.type === type);
}

/** True when the condition of `type` has status `True`. */
export function isConditionTrue(
  conditions: readonly ConditionLike[] | undefined,
  type: string,
): boolean {
  return getCondition(conditions, type)?.status === 'True';
}

/**
 * A new list with `next` set. `lastTransitionTime` is kept from the existing entry when the
 * status is unchanged, else taken from `next` or `now`. Order is preserved; new types append.
 */
export function setCondition<T extends ConditionLike>(
  conditions: readonly T[] | undefined,
  next: T,
  now: string,
): T[] {
  const list = [...(conditions ?? [])];
  const i = list.findIndex((c) => c.type === next.type);
  const prev = i >= 0 ? list[i] : undefined;
  const lastTransitionTime =
    prev && prev.status === next.status && prev.lastTransitionTime
      ? prev.lastTransitionTime
      : (next.lastTransitionTime ?? now);
  const merged: T = { ...next, lastTransitionTime };
  if (i >= 0) list[i] = merged;
  else list.push(merged);
  return list;
}

/** A new list without the condition of `type`. */
export function removeCondition<T extends ConditionLike>(
  conditions: readonly T[] | undefined,
  type: string,
): T[] {
  return (conditions ?? []).filter((c) => c.type !== type);
}
