import { describe, expect, it } from 'vitest';

import { StatusError } from '../apiserver/errors.ts';
import type { UserInfo } from '../apiserver/types.ts';
import {
  hasImpersonation,
  impersonate,
  splitServiceAccountUsername,
  type RequestHeaders,
} from './impersonation.ts';
import { staticRbacSource } from './rbac.ts';
import {
  clusterRole,
  clusterRoleBinding,
  role,
  roleBinding,
  user,
  type RuleSpec,
} from './rbac-objects.ts';

const bff: UserInfo = { username: 'bff', groups: ['system:authenticated'] };

function world(rules: RuleSpec[]) {
  return staticRbacSource([
    clusterRole('imp', rules),
    clusterRoleBinding('imp', 'imp', [user('bff')]),
  ]);
}

const everything = world([
  { verbs: ['impersonate'], apiGroups: [''], resources: ['users', 'groups', 'serviceaccounts'] },
  {
    verbs: ['impersonate'],
    apiGroups: ['authentication.k8s.io'],
    resources: ['uids', 'userextras/scopes'],
  },
]);

function denied(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('expected a StatusError');
}

describe('impersonate', () => {
  it('returns the requester unchanged without impersonation headers', () => {
    const headers: RequestHeaders = { authorization: 'Bearer x', accept: 'application/json' };
    expect(hasImpersonation(headers)).toBe(false);
    expect(impersonate(bff, headers, world([]))).toBe(bff);
  });

  it('impersonates a user, adding only system:authenticated', () => {
    const headers = { 'impersonate-user': 'alice' };
    expect(hasImpersonation(headers)).toBe(true);
    expect(impersonate(bff, headers, everything)).toEqual({
      username: 'alice',
      groups: ['system:authenticated'],
    });
  });

  it('takes repeated groups, uid and extras, each authorized', () => {
    const result = impersonate(
      bff,
      {
        'impersonate-user': 'alice',
        'impersonate-group': ['devs', 'ops'],
        'impersonate-uid': 'u-123',
        'impersonate-extra-scopes': ['view', 'edit'],
      },
      everything,
    );
    expect(result).toEqual({
      username: 'alice',
      uid: 'u-123',
      groups: ['devs', 'ops', 'system:authenticated'],
      extra: { scopes: ['view', 'edit'] },
    });
  });

  it('does not add system:authenticated when a group says otherwise', () => {
    const r = impersonate(
      bff,
      { 'impersonate-user': 'alice', 'impersonate-group': 'system:unauthenticated' },
      everything,
    );
    expect(r.groups).toEqual(['system:unauthenticated']);
    const anon = impersonate(bff, { 'impersonate-user': 'system:anonymous' }, everything);
    expect(anon.groups).toEqual(['system:unauthenticated']);
  });

  it('gives service accounts their fixed groups and checks serviceaccounts in their namespace', () => {
    expect(
      impersonate(bff, { 'impersonate-user': 'system:serviceaccount:demo:builder' }, everything),
    ).toEqual({
      username: 'system:serviceaccount:demo:builder',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:demo', 'system:authenticated'],
    });
    // Explicit groups replace the fixed ones.
    expect(
      impersonate(
        bff,
        { 'impersonate-user': 'system:serviceaccount:demo:builder', 'impersonate-group': 'g' },
        everything,
      ).groups,
    ).toEqual(['g', 'system:authenticated']);

    // A Role in the namespace is enough for a service account there, and only there.
    const nsOnly = staticRbacSource([
      role('demo', 'imp', [
        { verbs: ['impersonate'], apiGroups: [''], resources: ['serviceaccounts'] },
      ]),
      roleBinding('demo', 'imp', { kind: 'Role', name: 'imp' }, [user('bff')]),
    ]);
    expect(
      impersonate(bff, { 'impersonate-user': 'system:serviceaccount:demo:builder' }, nsOnly)
        .username,
    ).toBe('system:serviceaccount:demo:builder');
    expect(
      denied(() =>
        impersonate(bff, { 'impersonate-user': 'system:serviceaccount:prod:builder' }, nsOnly),
      ).status.message,
    ).toBe(
      'serviceaccounts "builder" is forbidden: User "bff" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "prod"',
    );
  });

  it('treats a malformed service-account name as a plain user', () => {
    expect(splitServiceAccountUsername('system:serviceaccount:demo')).toBeUndefined();
    expect(splitServiceAccountUsername('system:serviceaccount:Demo:x')).toBeUndefined();
    expect(splitServiceAccountUsername('system:serviceaccount:demo:a:b')).toBeUndefined();
    expect(splitServiceAccountUsername('system:serviceaccount:demo:a.b')).toEqual({
      namespace: 'demo',
      name: 'a.b',
    });
    const onlyUsers = world([{ verbs: ['impersonate'], apiGroups: [''], resources: ['users'] }]);
    expect(
      impersonate(bff, { 'impersonate-user': 'system:serviceaccount:demo' }, onlyUsers).groups,
    ).toEqual(['system:authenticated']);
  });

  it('forbids with kube wording, naming the first part not allowed', () => {
    const usersOnly = world([
      { verbs: ['impersonate'], apiGroups: [''], resources: ['users'], resourceNames: ['alice'] },
    ]);
    const e = denied(() => impersonate(bff, { 'impersonate-user': 'bob' }, usersOnly));
    expect(e.code).toBe(403);
    expect(e.status.message).toBe(
      'users "bob" is forbidden: User "bff" cannot impersonate resource "users" in API group "" at the cluster scope',
    );
    expect(
      denied(() =>
        impersonate(bff, { 'impersonate-user': 'alice', 'impersonate-group': 'admins' }, usersOnly),
      ).status.message,
    ).toBe(
      'groups "admins" is forbidden: User "bff" cannot impersonate resource "groups" in API group "" at the cluster scope',
    );
    expect(
      denied(() =>
        impersonate(bff, { 'impersonate-user': 'alice', 'impersonate-uid': 'u1' }, usersOnly),
      ).status.message,
    ).toBe(
      'uids.authentication.k8s.io "u1" is forbidden: User "bff" cannot impersonate resource "uids" in API group "authentication.k8s.io" at the cluster scope',
    );
    expect(
      denied(() =>
        impersonate(
          bff,
          { 'impersonate-user': 'alice', 'impersonate-extra-scopes': 'x' },
          usersOnly,
        ),
      ).status.message,
    ).toBe(
      'userextras.authentication.k8s.io "x" is forbidden: User "bff" cannot impersonate resource "userextras/scopes" in API group "authentication.k8s.io" at the cluster scope',
    );
  });

  it('forbids users without any impersonation right', () => {
    const mallory: UserInfo = { username: 'mallory', groups: ['system:authenticated'] };
    expect(
      denied(() => impersonate(mallory, { 'impersonate-user': 'admin' }, everything)).status
        .message,
    ).toBe(
      'users "admin" is forbidden: User "mallory" cannot impersonate resource "users" in API group "" at the cluster scope',
    );
  });

  it('unescapes and lower-cases extra keys', () => {
    const r = impersonate(
      bff,
      { 'impersonate-user': 'alice', 'impersonate-extra-Scopes': 'x' },
      everything,
    );
    expect(r.extra).toEqual({ scopes: ['x'] });
    const open = world([{ verbs: ['impersonate'], apiGroups: ['*'], resources: ['*'] }]);
    expect(
      impersonate(
        bff,
        { 'impersonate-user': 'a', 'impersonate-extra-example.com%2fteam': 't' },
        open,
      ).extra,
    ).toEqual({
      'example.com/team': ['t'],
    });
  });

  it('rejects groups, uid or extras without a user, as kube does (500)', () => {
    const e = denied(() => impersonate(bff, { 'impersonate-group': 'devs' }, everything));
    expect(e.code).toBe(500);
    expect(
      denied(() => impersonate(bff, { 'impersonate-user': '', 'impersonate-uid': 'u' }, everything))
        .code,
    ).toBe(500);
  });

  it('lets system:masters impersonate anyone', () => {
    const root: UserInfo = { username: 'root', groups: ['system:masters', 'system:authenticated'] };
    expect(
      impersonate(
        root,
        { 'impersonate-user': 'x', 'impersonate-group': 'y' },
        staticRbacSource([]),
      ),
    ).toEqual({
      username: 'x',
      groups: ['y', 'system:authenticated'],
    });
  });
});
