import type { KubeObject } from '@dvp/api';

/**
 * Is `a` a copy of `b`'s object from before `b`'s spec? An event or read can arrive after a
 * newer copy (the watch may deliver a write after the API served it to a fresh read).
 * `metadata.generation` counts spec changes and only grows; resourceVersions are opaque.
 */
export function olderSpec(a: KubeObject, b: KubeObject): boolean {
  return (
    a.metadata.uid === b.metadata.uid && (a.metadata.generation ?? 0) < (b.metadata.generation ?? 0)
  );
}
