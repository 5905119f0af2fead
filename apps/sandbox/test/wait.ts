import { KubeClient, refOf } from '../src/controllers/runtime/client.ts';
import type { KubeObject } from '../src/apiserver/types.ts';

/** Enough of a sandbox to talk to it. */
export interface SandboxLike {
  url: string;
  caCert: string;
  tokens: Record<string, string>;
}

/** A REST client for tests acting as `user` (default admin). Close it after use. */
export function testClient(sb: SandboxLike, user = 'admin'): KubeClient {
  const token = sb.tokens[user];
  if (!token) throw new Error(`no token for ${user}`);
  return new KubeClient({ server: sb.url, caCert: sb.caCert, token, userAgent: 'dvp-tests' });
}

export interface WaitTarget {
  group: string;
  kind: string;
  name: string;
  namespace?: string;
}

/**
 * Watches one object until `predicate` holds and returns it; every version seen is passed to
 * `onChange` (to assert on sequences such as monotonic progress). On timeout it throws with the
 * last status seen, so a failing test says where the object got stuck.
 */
export async function waitFor(
  sb: SandboxLike,
  target: WaitTarget,
  predicate: (obj: KubeObject) => boolean,
  opts: { timeoutMs?: number; onChange?: (obj: KubeObject) => void } = {},
): Promise<KubeObject> {
  const client = testClient(sb);
  const ref = refOf(target.group, target.kind);
  const abort = new AbortController();
  let last: KubeObject | undefined;
  const timeoutMs = opts.timeoutMs ?? 60_000;
  try {
    return await new Promise<KubeObject>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for ${target.kind} ${target.namespace ?? ''}/${target.name}; last status: ${JSON.stringify(last?.status ?? null)}`,
          ),
        );
      }, timeoutMs);
      const seen = (obj: KubeObject) => {
        last = obj;
        opts.onChange?.(obj);
        if (predicate(obj)) {
          clearTimeout(timer);
          resolve(obj);
        }
      };
      const loop = async () => {
        while (!abort.signal.aborted) {
          const { items, resourceVersion } = await client.list(ref, {
            namespace: target.namespace,
            fieldSelector: `metadata.name=${target.name}`,
          });
          const current = items[0];
          if (current) seen(current);
          if (abort.signal.aborted) return;
          await client.watch(
            ref,
            {
              namespace: target.namespace,
              fieldSelector: `metadata.name=${target.name}`,
              resourceVersion,
            },
            (e) => {
              if (e.type === 'ADDED' || e.type === 'MODIFIED') seen(e.object);
            },
            abort.signal,
          );
        }
      };
      loop().catch((e: unknown) => {
        if (!abort.signal.aborted) {
          clearTimeout(timer);
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
    });
  } finally {
    abort.abort();
    client.close();
  }
}

/**
 * Resolves once the object is gone: a list that does not have it, or a DELETED event on a watch
 * from that list. On timeout it throws with the object's last state.
 */
export async function waitForGone(
  sb: SandboxLike,
  target: WaitTarget,
  opts: { timeoutMs?: number } = {},
): Promise<void> {
  const client = testClient(sb);
  const ref = refOf(target.group, target.kind);
  const abort = new AbortController();
  const timeoutMs = opts.timeoutMs ?? 60_000;
  let last: KubeObject | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for ${target.kind} ${target.namespace ?? ''}/${target.name} to go; last seen: ${JSON.stringify(last?.metadata ?? null)}`,
          ),
        );
      }, timeoutMs);
      const gone = () => {
        clearTimeout(timer);
        resolve();
      };
      const scope = { namespace: target.namespace, fieldSelector: `metadata.name=${target.name}` };
      const loop = async () => {
        while (!abort.signal.aborted) {
          const { items, resourceVersion } = await client.list(ref, scope);
          last = items[0];
          if (!last) return gone();
          await client.watch(
            ref,
            { ...scope, resourceVersion },
            (e) => {
              if (e.type === 'DELETED') gone();
              else if (e.type !== 'BOOKMARK') last = e.object;
            },
            abort.signal,
          );
        }
      };
      loop().catch((e: unknown) => {
        if (!abort.signal.aborted) {
          clearTimeout(timer);
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
    });
  } finally {
    abort.abort();
    client.close();
  }
}

/** The phase of an object's status. */
export const phaseOf = (o: KubeObject): string | undefined =>
  (o.status as { phase?: string } | undefined)?.phase;

/** The condition of `type` in an object's status. */
export function conditionOf(
  o: KubeObject,
  type: string,
): { status: string; reason?: string; message?: string } | undefined {
  const conds = (o.status as { conditions?: { type: string; status: string }[] } | undefined)
    ?.conditions;
  return conds?.find((c) => c.type === type);
}
