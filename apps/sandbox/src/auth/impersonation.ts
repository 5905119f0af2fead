import { errors } from '../apiserver/errors.ts';
import type { UserInfo } from '../apiserver/types.ts';
import { resourceAttributes, type RequestAttributes } from './attributes.ts';
import { forbiddenError } from './forbidden.ts';
import { authorize, serviceAccountUsername, type RbacSource } from './rbac.ts';
import { ANONYMOUS_USER, AUTHENTICATED_GROUP, UNAUTHENTICATED_GROUP } from './tokens.ts';

/**
 * User impersonation as kube-apiserver's `WithImpersonation` filter does it
 * (k8s.io/apiserver/pkg/endpoints/filters/impersonation.go): each requested identity part is
 * authorized separately with verb `impersonate`:
 *
 * | Header                       | Resource checked                                  |
 * |------------------------------|---------------------------------------------------|
 * | `Impersonate-User: alice`    | `users` "alice", group ""                         |
 * | `Impersonate-User: system:serviceaccount:ns:sa` | `serviceaccounts` "sa" in namespace ns, group "" |
 * | `Impersonate-Group: g` (repeatable) | `groups` "g", group ""                     |
 * | `Impersonate-Uid: u`         | `uids` "u", group `authentication.k8s.io`         |
 * | `Impersonate-Extra-<key>: v` | `userextras/<key>` "v", group `authentication.k8s.io` |
 *
 * (uids and userextras live in `authentication.k8s.io`, not the core group, because kube builds
 * their references with that API version.)
 */

/** Request headers with lower-case names. Pass Node's `req.headersDistinct`, which keeps repeated
 * `Impersonate-Group` headers apart (`req.headers` joins them with ", "). */
export type RequestHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

const USER_HEADER = 'impersonate-user';
const GROUP_HEADER = 'impersonate-group';
const UID_HEADER = 'impersonate-uid';
const EXTRA_PREFIX = 'impersonate-extra-';
const AUTHN_GROUP = 'authentication.k8s.io';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function values(headers: RequestHeaders, name: string): string[] {
  const v = headers[name];
  if (v === undefined) return [];
  return typeof v === 'string' ? [v] : [...v];
}

/** `serviceaccount.SplitUsername`: namespace and name of a well-formed service account user. */
export function splitServiceAccountUsername(
  username: string,
): { namespace: string; name: string } | undefined {
  const prefix = 'system:serviceaccount:';
  if (!username.startsWith(prefix)) return undefined;
  const parts = username.slice(prefix.length).split(':');
  const [namespace, name] = parts;
  if (parts.length !== 2 || namespace === undefined || name === undefined) return undefined;
  if (namespace.length > 63 || !DNS_LABEL.test(namespace)) return undefined;
  if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) return undefined;
  return { namespace, name };
}

/** Whether the request carries any impersonation header. */
export function hasImpersonation(headers: RequestHeaders): boolean {
  return Object.keys(headers).some(
    (h) =>
      h === USER_HEADER || h === GROUP_HEADER || h === UID_HEADER || h.startsWith(EXTRA_PREFIX),
  );
}

function unescapeExtraKey(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

/**
 * The identity a request acts as: `requester` itself without impersonation headers, otherwise the
 * impersonated user with `system:authenticated` added (or `system:unauthenticated` for
 * `system:anonymous`) unless a given group already says which. Impersonating only a user brings no
 * groups of that user: kube does not look them up.
 * @throws StatusError 403 worded as kube (`users "alice" is forbidden: User "bff" cannot
 * impersonate resource "users" in API group "" at the cluster scope`), or 500 as kube when groups,
 * extras or a uid come without a user.
 */
export function impersonate(
  requester: UserInfo,
  headers: RequestHeaders,
  rbac: RbacSource,
): UserInfo {
  const requestedUser = values(headers, USER_HEADER)[0] ?? '';
  const requestedGroups = values(headers, GROUP_HEADER);
  const requestedUid = values(headers, UID_HEADER)[0] ?? '';
  const extras = Object.keys(headers)
    .filter((h) => h.startsWith(EXTRA_PREFIX))
    .map((h) => ({
      key: unescapeExtraKey(h.slice(EXTRA_PREFIX.length).toLowerCase()),
      values: values(headers, h),
    }))
    .filter((e) => e.values.length > 0);

  const checks: RequestAttributes[] = [];
  let username = '';
  let groups: string[] = [];
  if (requestedUser) {
    const sa = splitServiceAccountUsername(requestedUser);
    if (sa) {
      checks.push(resourceAttributes({ verb: 'impersonate', resource: 'serviceaccounts', ...sa }));
      username = serviceAccountUsername(sa.namespace, sa.name);
      // A service account's groups are fixed; they stand unless groups are given explicitly.
      if (requestedGroups.length === 0) {
        groups = ['system:serviceaccounts', `system:serviceaccounts:${sa.namespace}`];
      }
    } else {
      checks.push(
        resourceAttributes({ verb: 'impersonate', resource: 'users', name: requestedUser }),
      );
      username = requestedUser;
    }
  }
  for (const group of requestedGroups) {
    checks.push(resourceAttributes({ verb: 'impersonate', resource: 'groups', name: group }));
    groups.push(group);
  }
  const extra: Record<string, string[]> = {};
  for (const { key, values: vs } of extras) {
    for (const value of vs) {
      checks.push(
        resourceAttributes({
          verb: 'impersonate',
          group: AUTHN_GROUP,
          version: 'v1',
          resource: 'userextras',
          subresource: key,
          name: value,
        }),
      );
      (extra[key] ??= []).push(value);
    }
  }
  if (requestedUid) {
    checks.push(
      resourceAttributes({
        verb: 'impersonate',
        group: AUTHN_GROUP,
        version: 'v1',
        resource: 'uids',
        name: requestedUid,
      }),
    );
  }
  if (checks.length === 0) return requester;
  if (!requestedUser) {
    throw errors.internal(
      'requested impersonation of groups, extra or uid without impersonating a user',
    );
  }

  for (const attrs of checks) {
    const decision = authorize(requester, attrs, rbac);
    if (!decision.allowed) throw forbiddenError(requester, attrs, decision.reason);
  }

  if (username !== ANONYMOUS_USER) {
    if (!groups.some((g) => g === AUTHENTICATED_GROUP || g === UNAUTHENTICATED_GROUP)) {
      groups.push(AUTHENTICATED_GROUP);
    }
  } else if (!groups.includes(UNAUTHENTICATED_GROUP)) {
    groups.push(UNAUTHENTICATED_GROUP);
  }
  return {
    username,
    groups,
    ...(requestedUid ? { uid: requestedUid } : {}),
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
  };
}
