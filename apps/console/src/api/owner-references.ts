import type { OwnerReference, ParamsOf } from '@dvp/api';
import { api, call } from './client.ts';
import { toApiError } from './errors.ts';

/** Waits before retrying after a Conflict (the object changed between our read and write). */
const CONFLICT_BACKOFF_MS = [250, 500, 1000, 2000, 4000];
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Rewrites an object's owner references, computed on the object as it is now (the BFF's object
 * view reads fresh). The objects whose owners the console edits (IP addresses) have controllers
 * that update them, so a Conflict is retried on a fresh read after a short backoff: `edit`
 * re-derives the list from the current one each time (the intent, never a stale list written
 * back) and returns `undefined` when nothing is left to change. The patch carries the read's
 * resourceVersion, so a change in between is never lost.
 */
export async function editOwnerReferences(
  params: ParamsOf<typeof api.resourceView>,
  edit: (current: OwnerReference[]) => OwnerReference[] | undefined,
): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    const now = await call(api.resourceView, { params });
    const next = edit(now.metadata.ownerReferences ?? []);
    if (next === undefined) return;
    try {
      await call(api.resourcePatch, {
        params,
        body: {
          metadata: {
            resourceVersion: now.metadata.resourceVersion ?? '',
            ownerReferences: next.length ? next : null,
          },
        },
      });
      return;
    } catch (err) {
      const wait = CONFLICT_BACKOFF_MS[attempt];
      if (toApiError(err).reason !== 'Conflict' || wait === undefined) throw err;
      await pause(wait);
    }
  }
}
