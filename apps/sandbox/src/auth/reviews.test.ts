import { describe, expect, it } from 'vitest';

import { StatusError } from '../apiserver/errors.ts';
import type { UserInfo } from '../apiserver/types.ts';
import { bootstrapRbac } from './bootstrap.ts';
import { staticRbacSource } from './rbac.ts';
import { clusterRole, clusterRoleBinding, role, roleBinding, user } from './rbac-objects.ts';
import {
  answerReview,
  reviewLocalSubjectAccess,
  reviewSelfSubject,
  reviewSelfSubjectAccess,
  reviewSelfSubjectRules,
  reviewSubjectAccess,
} from './reviews.ts';

const V = 'virtualization.deckhouse.io';
const SUB = 'subresources.virtualization.deckhouse.io';
const rbac = staticRbacSource(bootstrapRbac({ demoNamespace: 'demo' }));
const who = (username: string, groups: string[] = ['system:authenticated']): UserInfo => ({
  username,
  groups,
});

function statusError(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('expected a StatusError');
}

const ssar = (resourceAttributes: Record<string, string>) => ({
  apiVersion: 'authorization.k8s.io/v1',
  kind: 'SelfSubjectAccessReview',
  spec: { resourceAttributes },
});

describe('SelfSubjectAccessReview', () => {
  it('answers allowed with the reason and echoes the spec', () => {
    const review = reviewSelfSubjectAccess(
      who('alice'),
      ssar({ namespace: 'demo', verb: 'create', group: V, resource: 'virtualmachines' }),
      rbac,
    );
    expect(review).toMatchObject({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      metadata: {},
      spec: {
        resourceAttributes: {
          namespace: 'demo',
          verb: 'create',
          group: V,
          resource: 'virtualmachines',
        },
      },
      status: {
        allowed: true,
        reason: expect.stringContaining(
          'RBAC: allowed by RoleBinding "d8-administrators/demo"',
        ) as unknown,
      },
    });
  });

  it('answers not allowed without reason or denied, as kube does for RBAC', () => {
    const review = reviewSelfSubjectAccess(
      who('bob'),
      ssar({
        namespace: 'demo',
        verb: 'get',
        group: SUB,
        resource: 'virtualmachines',
        subresource: 'console',
        name: 'vm1',
      }),
      rbac,
    );
    expect(review.status).toEqual({ allowed: false });
  });

  it('answers non-resource questions', () => {
    const body = { spec: { nonResourceAttributes: { verb: 'get', path: '/version' } } };
    expect(reviewSelfSubjectAccess(who('mallory'), body, rbac).status).toMatchObject({
      allowed: true,
    });
    const metrics = { spec: { nonResourceAttributes: { verb: 'get', path: '/metrics' } } };
    expect(reviewSelfSubjectAccess(who('mallory'), metrics, rbac).status).toEqual({
      allowed: false,
    });
  });

  it('validates the spec like kube (422 Invalid)', () => {
    const neither = statusError(() => reviewSelfSubjectAccess(who('bob'), { spec: {} }, rbac));
    expect(neither.code).toBe(422);
    expect(neither.status.message).toBe(
      'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
    );
    const both = statusError(() =>
      reviewSelfSubjectAccess(
        who('bob'),
        {
          spec: {
            resourceAttributes: { verb: 'get' },
            nonResourceAttributes: { verb: 'get', path: '/' },
          },
        },
        rbac,
      ),
    );
    expect(both.status.details?.causes?.[0]?.field).toBe('spec.nonResourceAttributes');
    expect(statusError(() => reviewSelfSubjectAccess(who('bob'), 'nope', rbac)).code).toBe(400);
  });
});

describe('SubjectAccessReview', () => {
  it('checks the named subject as given, without adding system:authenticated', () => {
    const body = {
      spec: {
        user: 'dave',
        resourceAttributes: {
          namespace: 'demo',
          verb: 'create',
          group: V,
          resource: 'virtualmachineoperations',
        },
      },
    };
    expect(reviewSubjectAccess(body, rbac).status).toMatchObject({ allowed: true });
    // /version needs system:authenticated, which a SAR subject only has if listed.
    const version = {
      spec: { user: 'dave', nonResourceAttributes: { verb: 'get', path: '/version' } },
    };
    expect(reviewSubjectAccess(version, rbac).status).toEqual({ allowed: false });
    const withGroup = {
      spec: {
        user: 'dave',
        groups: ['system:authenticated'],
        nonResourceAttributes: { verb: 'get', path: '/version' },
      },
    };
    expect(reviewSubjectAccess(withGroup, rbac).status).toMatchObject({ allowed: true });
    const masters = {
      spec: {
        groups: ['system:masters'],
        resourceAttributes: { verb: 'delete', resource: 'nodes' },
      },
    };
    expect(reviewSubjectAccess(masters, rbac).status).toEqual({ allowed: true });
  });

  it('requires a user or groups', () => {
    const e = statusError(() =>
      reviewSubjectAccess({ spec: { resourceAttributes: { verb: 'get' } } }, rbac),
    );
    expect(e.status.message).toBe(
      'SubjectAccessReview.authorization.k8s.io "" is invalid: spec.user: Invalid value: "": at least one of user or group must be specified',
    );
  });

  it('reports dangling bindings as the reason', () => {
    const broken = staticRbacSource([clusterRoleBinding('x', 'nope', [user('bob')])]);
    const body = { spec: { user: 'bob', resourceAttributes: { verb: 'get', resource: 'pods' } } };
    expect(reviewSubjectAccess(body, broken).status).toEqual({
      allowed: false,
      reason: 'RBAC: clusterrole.rbac.authorization.k8s.io "nope" not found',
    });
  });
});

describe('LocalSubjectAccessReview', () => {
  const lsar = (namespace: string) => ({
    metadata: { namespace: 'demo' },
    spec: {
      user: 'bob',
      resourceAttributes: { namespace, verb: 'list', group: V, resource: 'virtualmachines' },
    },
  });

  it('answers within the URL namespace', () => {
    const review = reviewLocalSubjectAccess('demo', lsar('demo'), rbac);
    expect(review).toMatchObject({
      kind: 'LocalSubjectAccessReview',
      metadata: { namespace: 'demo' },
      status: { allowed: true },
    });
    // An empty checked namespace means the URL's.
    expect(reviewLocalSubjectAccess('demo', lsar(''), rbac).status).toMatchObject({
      allowed: true,
    });
    expect(reviewLocalSubjectAccess('prod', { spec: lsar('').spec }, rbac).status).toEqual({
      allowed: false,
    });
  });

  it('rejects a namespace mismatch, missing namespace and non-resource checks', () => {
    expect(
      statusError(() => reviewLocalSubjectAccess('demo', lsar('prod'), rbac)).status.message,
    ).toBe('spec.resourceAttributes.namespace must match namespace: demo');
    expect(statusError(() => reviewLocalSubjectAccess('', lsar(''), rbac)).code).toBe(400);
    expect(statusError(() => reviewLocalSubjectAccess('prod', lsar(''), rbac)).code).toBe(400);
    const nonResource = {
      spec: { user: 'bob', nonResourceAttributes: { verb: 'get', path: '/' } },
    };
    expect(
      statusError(() => reviewLocalSubjectAccess('demo', nonResource, rbac)).status.details
        ?.causes?.[0],
    ).toMatchObject({
      field: 'spec.nonResourceAttributes',
      message: 'Invalid value: "object": disallowed on this kind of request',
    });
  });
});

describe('SelfSubjectRulesReview', () => {
  it('lists the union of cluster and namespace rules, in binding order, with omitempty lists', () => {
    const src = staticRbacSource([
      clusterRole('urls', [{ verbs: ['get'], nonResourceURLs: ['/version'] }]),
      clusterRoleBinding('urls', 'urls', [user('bob')]),
      role('demo', 'reader', [
        { verbs: ['get', 'list'], apiGroups: [V], resources: ['virtualmachines'] },
        { verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['s1'] },
      ]),
      roleBinding('demo', 'reader', { kind: 'Role', name: 'reader' }, [user('bob')]),
      role('prod', 'reader', [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]),
      roleBinding('prod', 'reader', { kind: 'Role', name: 'reader' }, [user('bob')]),
    ]);
    const review = reviewSelfSubjectRules(who('bob'), { spec: { namespace: 'demo' } }, src);
    expect(review).toMatchObject({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectRulesReview',
    });
    expect(review.status).toEqual({
      resourceRules: [
        { verbs: ['get', 'list'], apiGroups: [V], resources: ['virtualmachines'] },
        { verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['s1'] },
      ],
      nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/version'] }],
      incomplete: false,
    });
  });

  it('shows what bob sees in demo from the bootstrap roles', () => {
    const status = reviewSelfSubjectRules(who('bob'), { spec: { namespace: 'demo' } }, rbac)
      .status as {
      resourceRules: { verbs: string[]; apiGroups?: string[]; resources?: string[] }[];
      nonResourceRules: { nonResourceURLs: string[] }[];
    };
    const vmRule = status.resourceRules.find(
      (r) => r.resources?.includes('virtualmachines') && r.apiGroups?.includes(V),
    );
    expect(vmRule?.verbs).toEqual(['get', 'list', 'watch']);
    expect(
      status.resourceRules.some(
        (r) => r.verbs.includes('create') && r.resources?.includes('virtualmachines'),
      ),
    ).toBe(false);
    expect(status.resourceRules).toContainEqual({
      verbs: ['create'],
      apiGroups: ['authorization.k8s.io'],
      resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
    });
    expect(status.nonResourceRules.flatMap((r) => r.nonResourceURLs)).toContain('/version');
  });

  it('gives mallory only the basic rules', () => {
    const status = reviewSelfSubjectRules(who('mallory'), { spec: { namespace: 'demo' } }, rbac)
      .status as {
      resourceRules: { resources?: string[] }[];
    };
    expect(status.resourceRules.flatMap((r) => r.resources ?? []).sort()).toEqual([
      'selfsubjectaccessreviews',
      'selfsubjectreviews',
      'selfsubjectrulesreviews',
    ]);
  });

  it('reports an evaluation error for dangling bindings', () => {
    const src = staticRbacSource([
      roleBinding('demo', 'x', { kind: 'Role', name: 'gone' }, [user('bob')]),
    ]);
    expect(reviewSelfSubjectRules(who('bob'), { spec: { namespace: 'demo' } }, src).status).toEqual(
      {
        resourceRules: [],
        nonResourceRules: [],
        incomplete: false,
        evaluationError: 'role.rbac.authorization.k8s.io "gone" not found',
      },
    );
  });

  it('requires spec.namespace', () => {
    const e = statusError(() => reviewSelfSubjectRules(who('bob'), { spec: {} }, rbac));
    expect([e.code, e.status.message]).toEqual([400, 'no namespace on request']);
  });
});

describe('SelfSubjectReview', () => {
  it('returns the user info with omitempty fields', () => {
    expect(
      reviewSelfSubject({ username: 'alice', uid: 'u1', groups: ['system:authenticated'] }),
    ).toEqual({
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'SelfSubjectReview',
      metadata: {},
      status: { userInfo: { username: 'alice', uid: 'u1', groups: ['system:authenticated'] } },
    });
    expect(
      reviewSelfSubject({ username: 'x', groups: [], extra: { scopes: ['a'] } }).status,
    ).toEqual({
      userInfo: { username: 'x', extra: { scopes: ['a'] } },
    });
  });
});

describe('answerReview', () => {
  const ctx = { user: who('bob'), namespace: 'demo', rbac };
  it('routes by group and plural', () => {
    expect(
      answerReview('authentication.k8s.io', 'selfsubjectreviews', { ...ctx, body: {} })?.kind,
    ).toBe('SelfSubjectReview');
    expect(
      answerReview('authorization.k8s.io', 'selfsubjectrulesreviews', {
        ...ctx,
        body: { spec: { namespace: 'demo' } },
      })?.kind,
    ).toBe('SelfSubjectRulesReview');
    expect(
      answerReview('authorization.k8s.io', 'localsubjectaccessreviews', {
        ...ctx,
        body: {
          spec: {
            user: 'bob',
            resourceAttributes: { namespace: 'demo', verb: 'get', resource: 'pods' },
          },
        },
      })?.kind,
    ).toBe('LocalSubjectAccessReview');
    expect(
      answerReview('authorization.k8s.io', 'subjectaccessreviews', {
        ...ctx,
        body: { spec: { user: 'a', resourceAttributes: {} } },
      })?.kind,
    ).toBe('SubjectAccessReview');
    expect(
      answerReview('authorization.k8s.io', 'selfsubjectaccessreviews', {
        ...ctx,
        body: ssar({ verb: 'get', resource: 'pods' }),
      })?.kind,
    ).toBe('SelfSubjectAccessReview');
    expect(answerReview('authorization.k8s.io', 'pods', { ...ctx, body: {} })).toBeUndefined();
    expect(answerReview('', 'pods', { ...ctx, body: {} })).toBeUndefined();
  });
});
