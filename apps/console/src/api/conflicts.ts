import type { KubeObject } from '@dvp/api';
import { toApiError } from './errors.ts';

/** Fresh reads after a Conflict before the write gives up (each one means another write landed). */
const MAX_REBASES = 5;

/**
 * A write that carries the resourceVersion of the copy the user edited. Controllers
 * write status all the time, and every write moves the resourceVersion, so a 409 Conflict is
 * checked against a fresh read: when the parts the user edited (`same`) are as they were, the
 * write is sent again with the fresh resourceVersion; when someone changed them, the Conflict is
 * the user's to resolve and is thrown. Nothing the other writer did is overwritten either way.
 */
export async function writeOnUnchanged<T extends KubeObject, R>(opts: {
  resourceVersion: string;
  write: (resourceVersion: string) => Promise<R>;
  read: () => Promise<T>;
  same: (fresh: T) => boolean;
}): Promise<R> {
  let resourceVersion = opts.resourceVersion;
  for (let rebases = 0; ; rebases += 1) {
    try {
      return await opts.write(resourceVersion);
    } catch (err) {
      if (toApiError(err).reason !== 'Conflict' || rebases >= MAX_REBASES) throw err;
      const fresh = await opts.read();
      if (!opts.same(fresh)) throw err;
      resourceVersion = fresh.metadata.resourceVersion ?? '';
    }
  }
}
