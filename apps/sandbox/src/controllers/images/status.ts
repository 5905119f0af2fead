import { setCondition } from '@dvp/api';
import { nowTimestamp } from '../../apiserver/service/objects.ts';
import type { KubeObject } from '../../apiserver/types.ts';
import type { ControllerContext } from '../runtime/context.ts';
import type { ResourceRef } from '../runtime/client.ts';
import { statusOf, type Condition } from './spec.ts';

/** A condition without bookkeeping fields. */
export type Cond = Omit<Condition, 'lastTransitionTime' | 'observedGeneration'>;

export const cond = (
  type: string,
  status: Condition['status'],
  reason: string,
  message = '',
): Cond => ({ type, status, reason, message });

/** The object's conditions with `next` set (transition times kept when the status holds). */
export function mergeConditions(obj: KubeObject, next: Cond[]): Condition[] {
  const gen = obj.metadata.generation ?? 0;
  const now = nowTimestamp();
  let list = statusOf(obj).conditions ?? [];
  for (const c of next) list = setCondition(list, { ...c, observedGeneration: gen }, now);
  return list;
}

/** True when a patch would change nothing the status shows (avoids write loops). */
export function sameStatus(obj: KubeObject, patch: Record<string, unknown>): boolean {
  const st = (obj.status ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch)) {
    if (k === 'conditions') {
      const a = (st.conditions ?? []) as Condition[];
      const b = v as Condition[];
      if (a.length !== b.length) return false;
      for (const c of b) {
        const o = a.find((x) => x.type === c.type);
        if (!o || o.status !== c.status || o.reason !== c.reason || o.message !== c.message)
          return false;
        if (o.observedGeneration !== c.observedGeneration) return false;
      }
    } else if (JSON.stringify(st[k] ?? null) !== JSON.stringify(v ?? null)) return false;
  }
  return true;
}

/** Writes `status` fields (merge patch; `null` removes) unless nothing changes. */
export async function writeStatus(
  ctx: ControllerContext,
  ref: ResourceRef,
  obj: KubeObject,
  patch: Record<string, unknown>,
): Promise<KubeObject> {
  const full = { observedGeneration: obj.metadata.generation ?? 0, ...patch };
  if (sameStatus(obj, full)) return obj;
  return ctx.client.patchStatus(ref, obj, full);
}
