import type { AccessRule, NamespaceAccess, SessionUser } from '@dvp/api';
import type { Identity } from '../auth/identity.ts';
import type { KubeRest } from '../k8s/rest.ts';

/** What to ask the cluster about (`SelfSubjectAccessReview.spec.resourceAttributes`). */
export interface AccessQuestion {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

interface Entry<T> {
  at: number;
  value: Promise<T>;
}

const MAX_ENTRIES = 50_000;

/**
 * Asks the cluster, as the user, what the user may do: SelfSubjectAccessReview for one verb,
 * SelfSubjectRulesReview for a namespace's rules, SelfSubjectReview for who the user is. Answers
 * are cached briefly per identity (and concurrent identical questions share one request), so a
 * busy page costs the cluster a few reviews per user per TTL, not one per request.
 */
export class AccessReviewer {
  private readonly cache = new Map<string, Entry<unknown>>();
  /** Reviews actually sent (for tests and metrics). */
  sent = 0;

  constructor(
    private readonly rest: KubeRest,
    private readonly ttlMs: number,
  ) {}

  private memo<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.cache.get(key) as Entry<T> | undefined;
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    if (this.cache.size >= MAX_ENTRIES) this.prune(now);
    const value = load();
    this.cache.set(key, { at: now, value });
    // A failed review is not remembered: the next request asks again.
    value.catch(() => this.cache.delete(key));
    return value;
  }

  private prune(now: number) {
    for (const [k, e] of this.cache) if (now - e.at >= this.ttlMs) this.cache.delete(k);
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
  }

  /** Forgets everything cached for `identity` (after sign-out or a rights change). */
  forget(identity: Identity): void {
    for (const k of this.cache.keys()) if (k.startsWith(`${identity.key}|`)) this.cache.delete(k);
  }

  /** True when the cluster allows the question for `identity`. */
  can(identity: Identity, q: AccessQuestion): Promise<boolean> {
    const key = `${identity.key}|ssar|${q.verb}|${q.group}|${q.resource}|${q.subresource ?? ''}|${q.namespace ?? ''}|${q.name ?? ''}`;
    return this.memo(key, async () => {
      this.sent += 1;
      const r = await this.rest.request<{ status?: { allowed?: boolean } }>(identity, {
        method: 'POST',
        path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: { resourceAttributes: { ...q } },
        },
      });
      return r.status?.allowed === true;
    });
  }

  /** The user's rules in `namespace` (cluster-wide rules are included by the cluster). */
  rules(identity: Identity, namespace: string | null): Promise<NamespaceAccess> {
    const key = `${identity.key}|ssrr|${namespace ?? ''}`;
    return this.memo(key, async () => {
      this.sent += 1;
      const r = await this.rest.request<{
        status?: { resourceRules?: AccessRule[]; incomplete?: boolean };
      }>(identity, {
        method: 'POST',
        path: '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews',
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectRulesReview',
          // kube requires a namespace; `default` stands for "cluster-wide rules only" here.
          spec: { namespace: namespace ?? 'default' },
        },
      });
      return {
        namespace,
        rules: (r.status?.resourceRules ?? []).map((x) => ({
          verbs: x.verbs,
          ...(x.apiGroups ? { apiGroups: x.apiGroups } : {}),
          ...(x.resources ? { resources: x.resources } : {}),
          ...(x.resourceNames ? { resourceNames: x.resourceNames } : {}),
        })),
        incomplete: r.status?.incomplete === true,
      };
    });
  }

  /** Who `identity` is, as the cluster sees it (SelfSubjectReview). */
  whoami(identity: Identity): Promise<SessionUser> {
    return this.memo(`${identity.key}|whoami`, async () => {
      this.sent += 1;
      const r = await this.rest.request<{
        status?: { userInfo?: { username?: string; uid?: string; groups?: string[] } };
      }>(identity, {
        method: 'POST',
        path: '/apis/authentication.k8s.io/v1/selfsubjectreviews',
        body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
      });
      const u = r.status?.userInfo ?? {};
      return {
        username: u.username ?? '',
        ...(u.uid ? { uid: u.uid } : {}),
        groups: u.groups ?? [],
      };
    });
  }
}
