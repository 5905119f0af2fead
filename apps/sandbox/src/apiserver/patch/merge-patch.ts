/**
 * RFC 7386 JSON merge patch (`application/merge-patch+json`): what `kubectl apply` (for custom
 * resources), `label`, `annotate`, `edit` and `patch --type merge` send.
 */
import { clone, isObject, setKey, type JsonObject } from './json.ts';

function mergeInto(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return clone(patch);
  const out: JsonObject = isObject(target) ? target : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else setKey(out, k, mergeInto(Object.hasOwn(out, k) ? out[k] : undefined, v));
  }
  return out;
}

/**
 * Applies `patch` to `target`: objects merge key by key, `null` deletes a key, arrays and scalars
 * replace, and a patch that is not an object replaces the whole document. Neither input is
 * modified and the result shares no structure with them.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  return mergeInto(clone(target), patch);
}
