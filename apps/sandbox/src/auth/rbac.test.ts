import { describe, expect, it } from 'vitest';

import type { KubeObject, UserInfo } from '../apiserver/types.ts';
import { nonResourceAttributes, requestAttributes, resourceAttributes } from './attributes.ts';
import { forbiddenError, forbiddenMessage } from './forbidden.ts';
import { authorize, rulesFor, staticRbacSource } from './rbac.ts';
import { labelSelectorMatches } from './rbac-policy.ts';
import {
  clusterRole,
  clusterRoleBinding,
  group,
  role,
  roleBinding,
  user,
  type RuleSpec,
} from './rbac-objects.ts';

const V = 'virtualization.deckhouse.io';
const SUB = 'subresources.virtualization.deckhouse.io';
const u = (username: string, groups: string[] = ['system:authenticated']): UserInfo => ({
  username,
  groups,
});

/** A world where `subject` holds exactly `rules` in namespace `ns` through a Role. */
function grant(rules: RuleSpec[], subjectName = 'bob') {
  return staticRbacSource([
    role('demo', 'r', rules),
    roleBinding('demo', 'rb', { kind: 'Role', name: 'r' }, [user(subjectName)]),
  ]);
}

const can = (
  src: ReturnType<typeof grant>,
  who: UserInfo,
  a: Parameters<typeof resourceAttributes>[0],
) => authorize(who, resourceAttributes(a), src).allowed;

describe('rule matching', () => {
  it('matches verbs, groups and resources exactly, or by *', () => {
    const src = grant([{ verbs: ['get', 'list'], apiGroups: [V], resources: ['virtualmachines'] }]);
    const bob = u('bob');
    expect(
      can(src, bob, { verb: 'get', group: V, resource: 'virtualmachines', namespace: 'demo' }),
    ).toBe(true);
    expect(
      can(src, bob, { verb: 'create', group: V, resource: 'virtualmachines', namespace: 'demo' }),
    ).toBe(false);
    expect(
      can(src, bob, { verb: 'get', group: '', resource: 'virtualmachines', namespace: 'demo' }),
    ).toBe(false);
    expect(
      can(src, bob, { verb: 'get', group: V, resource: 'virtualdisks', namespace: 'demo' }),
    ).toBe(false);
    // A Role binds only in its namespace.
    expect(
      can(src, bob, { verb: 'get', group: V, resource: 'virtualmachines', namespace: 'other' }),
    ).toBe(false);
    expect(can(src, bob, { verb: 'get', group: V, resource: 'virtualmachines' })).toBe(false);

    const star = grant([{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]);
    expect(
      can(star, bob, { verb: 'escalate', group: 'x.io', resource: 'things', namespace: 'demo' }),
    ).toBe(true);
    // `*` covers subresources too.
    expect(
      can(star, bob, {
        verb: 'get',
        group: SUB,
        resource: 'virtualmachines',
        subresource: 'vnc',
        namespace: 'demo',
      }),
    ).toBe(true);
  });

  it('keeps subresources apart from their resource', () => {
    const src = grant([{ verbs: ['get'], apiGroups: [V], resources: ['virtualmachines'] }]);
    expect(
      can(src, u('bob'), {
        verb: 'get',
        group: V,
        resource: 'virtualmachines',
        subresource: 'status',
        namespace: 'demo',
      }),
    ).toBe(false);
  });

  it('matches resource/subresource and */subresource, but not resource/*', () => {
    const src = grant([
      { verbs: ['get', 'create'], apiGroups: [SUB], resources: ['virtualmachines/console'] },
      { verbs: ['update'], apiGroups: ['*'], resources: ['*/status'] },
      { verbs: ['delete'], apiGroups: [SUB], resources: ['virtualmachines/*'] },
    ]);
    const bob = u('bob');
    const sub = (verb: string, subresource: string, group = SUB) =>
      can(src, bob, {
        verb,
        group,
        resource: 'virtualmachines',
        subresource,
        name: 'vm1',
        namespace: 'demo',
      });
    expect(sub('get', 'console')).toBe(true);
    expect(sub('create', 'console')).toBe(true);
    expect(sub('get', 'vnc')).toBe(false);
    expect(sub('update', 'status', V)).toBe(true);
    expect(sub('update', 'console')).toBe(false);
    // `*/status` is for subresources only.
    expect(can(src, bob, { verb: 'update', group: V, resource: 'status', namespace: 'demo' })).toBe(
      false,
    );
    // kube has no resource/* wildcard.
    expect(sub('delete', 'console')).toBe(false);
  });

  it('honours resourceNames (and they never allow list or create)', () => {
    const src = grant([
      {
        verbs: ['get', 'list', 'create'],
        apiGroups: [''],
        resources: ['secrets'],
        resourceNames: ['s1'],
      },
    ]);
    const bob = u('bob');
    expect(can(src, bob, { verb: 'get', resource: 'secrets', name: 's1', namespace: 'demo' })).toBe(
      true,
    );
    expect(can(src, bob, { verb: 'get', resource: 'secrets', name: 's2', namespace: 'demo' })).toBe(
      false,
    );
    expect(can(src, bob, { verb: 'list', resource: 'secrets', namespace: 'demo' })).toBe(false);
    expect(can(src, bob, { verb: 'create', resource: 'secrets', namespace: 'demo' })).toBe(false);
    // A list narrowed by metadata.name carries the name, as kube resolves it.
    const narrowed = requestAttributes(
      'GET',
      '/api/v1/namespaces/demo/secrets',
      new URLSearchParams('fieldSelector=metadata.name=s1'),
    );
    expect(authorize(bob, narrowed, src).allowed).toBe(true);
  });

  it('matches non-resource URLs exactly, by trailing * and by *', () => {
    const src = staticRbacSource([
      clusterRole('urls', [
        { verbs: ['get'], nonResourceURLs: ['/healthz', '/apis/*', '/logs*'] },
        { verbs: ['post'], nonResourceURLs: ['*'] },
      ]),
      clusterRoleBinding('urls', 'urls', [user('bob')]),
    ]);
    const bob = u('bob');
    const get = (path: string) => authorize(bob, nonResourceAttributes('get', path), src).allowed;
    expect(get('/healthz')).toBe(true);
    expect(get('/healthz/etcd')).toBe(false);
    expect(get('/apis/')).toBe(true);
    expect(get('/apis/x/v1')).toBe(true);
    expect(get('/apis')).toBe(false);
    expect(get('/logs')).toBe(true);
    expect(get('/logsmore')).toBe(true);
    expect(authorize(bob, nonResourceAttributes('post', '/anything'), src).allowed).toBe(true);
    // Non-resource rules never grant resources and vice versa.
    expect(can(src, bob, { verb: 'get', resource: 'healthz' })).toBe(false);
  });

  it('ignores malformed stored rules instead of granting', () => {
    const bad: KubeObject = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'bad' },
      rules: [{ verbs: '*', apiGroups: ['*'], resources: ['*'] }, 'junk'],
    };
    const src = staticRbacSource([bad, clusterRoleBinding('b', 'bad', [user('bob')])]);
    expect(can(src, u('bob'), { verb: 'get', resource: 'pods', namespace: 'demo' })).toBe(false);
  });
});

describe('subjects', () => {
  const reader = clusterRole('reader', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]);
  const pods = (namespace = 'demo') =>
    resourceAttributes({ verb: 'get', resource: 'pods', namespace });

  it('binds groups', () => {
    const src = staticRbacSource([reader, clusterRoleBinding('g', 'reader', [group('devs')])]);
    expect(authorize(u('x', ['devs']), pods(), src).allowed).toBe(true);
    expect(authorize(u('devs', []), pods(), src).allowed).toBe(false);
  });

  it('binds service accounts by their user name, defaulting to the RoleBinding namespace', () => {
    const src = staticRbacSource([
      reader,
      roleBinding('demo', 'sa', { kind: 'ClusterRole', name: 'reader' }, [
        { kind: 'ServiceAccount', name: 'builder' },
      ]),
      clusterRoleBinding('sa2', 'reader', [
        { kind: 'ServiceAccount', name: 'ci', namespace: 'tools' },
      ]),
      // Without a namespace a ClusterRoleBinding's service-account subject matches nobody.
      clusterRoleBinding('sa3', 'reader', [{ kind: 'ServiceAccount', name: 'lost' }]),
    ]);
    const sa = (ns: string, name: string) =>
      u(`system:serviceaccount:${ns}:${name}`, ['system:serviceaccounts']);
    expect(authorize(sa('demo', 'builder'), pods(), src).allowed).toBe(true);
    expect(authorize(sa('other', 'builder'), pods(), src).allowed).toBe(false);
    expect(authorize(sa('tools', 'ci'), pods('anywhere'), src).allowed).toBe(true);
    expect(authorize(sa('', 'lost'), pods(), src).allowed).toBe(false);
  });

  it('binds the service-account groups', () => {
    const src = staticRbacSource([
      reader,
      clusterRoleBinding('all-sa', 'reader', [group('system:serviceaccounts:demo')]),
    ]);
    expect(
      authorize(
        u('system:serviceaccount:demo:x', [
          'system:serviceaccounts',
          'system:serviceaccounts:demo',
        ]),
        pods(),
        src,
      ).allowed,
    ).toBe(true);
  });

  it('lets system:masters do anything without any binding', () => {
    const src = staticRbacSource([]);
    expect(
      authorize(
        u('root', ['system:masters']),
        resourceAttributes({ verb: 'nuke', resource: 'x' }),
        src,
      ),
    ).toEqual({
      allowed: true,
      reason: '',
    });
  });
});

describe('aggregation', () => {
  const labels = (l: Record<string, string>) => ({ labels: l });
  const world = () => [
    clusterRole('top', [{ verbs: ['delete'], apiGroups: [''], resources: ['ignored-own-rule'] }], {
      aggregate: [{ tier: 'top' }],
    }),
    clusterRole('middle', [], { ...labels({ tier: 'top' }), aggregate: [{ tier: 'middle' }] }),
    clusterRole(
      'leaf-a',
      [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }],
      labels({ tier: 'middle' }),
    ),
    clusterRole(
      'leaf-b',
      [
        { verbs: ['get'], apiGroups: [''], resources: ['pods'] },
        { verbs: ['list'], apiGroups: [''], resources: ['pods'] },
      ],
      labels({ tier: 'middle' }),
    ),
    clusterRole(
      'direct',
      [{ verbs: ['create'], apiGroups: [''], resources: ['secrets'] }],
      labels({ tier: 'top' }),
    ),
    clusterRoleBinding('b', 'top', [user('bob')]),
  ];

  it('resolves nested aggregation on read and replaces the role’s own rules', () => {
    const src = staticRbacSource(world());
    const bob = u('bob');
    expect(can(src, bob, { verb: 'get', resource: 'pods', namespace: 'demo' })).toBe(true);
    expect(can(src, bob, { verb: 'list', resource: 'pods', namespace: 'demo' })).toBe(true);
    expect(can(src, bob, { verb: 'create', resource: 'secrets', namespace: 'demo' })).toBe(true);
    expect(can(src, bob, { verb: 'delete', resource: 'ignored-own-rule', namespace: 'demo' })).toBe(
      false,
    );
  });

  it('de-duplicates aggregated rules, in role-name order', () => {
    const { rules } = rulesFor(u('bob'), '', staticRbacSource(world()));
    expect(rules.map((r) => `${r.verbs.join()} ${r.resources.join()}`)).toEqual([
      'create secrets',
      'get pods',
      'list pods',
    ]);
  });

  it('follows label changes immediately', () => {
    const objects = world();
    objects.push(
      clusterRole(
        'late',
        [{ verbs: ['watch'], apiGroups: [''], resources: ['pods'] }],
        labels({ tier: 'middle' }),
      ),
    );
    expect(
      can(staticRbacSource(objects), u('bob'), { verb: 'watch', resource: 'pods', namespace: 'x' }),
    ).toBe(true);
  });

  it('survives aggregation cycles', () => {
    const src = staticRbacSource([
      clusterRole('a', [], { ...labels({ n: 'b' }), aggregate: [{ n: 'a' }] }),
      clusterRole('b', [], { ...labels({ n: 'a' }), aggregate: [{ n: 'b' }] }),
      clusterRole(
        'c',
        [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }],
        labels({ n: 'a' }),
      ),
      clusterRoleBinding('x', 'b', [user('bob')]),
    ]);
    expect(can(src, u('bob'), { verb: 'get', resource: 'pods', namespace: 'x' })).toBe(true);
  });

  it('evaluates label selectors like kube', () => {
    const l = { a: '1', b: '2' };
    expect(labelSelectorMatches({}, l)).toBe(true);
    expect(labelSelectorMatches(null, l)).toBe(false);
    expect(labelSelectorMatches({ matchLabels: { a: '1' } }, l)).toBe(true);
    expect(labelSelectorMatches({ matchLabels: { a: '2' } }, l)).toBe(false);
    const expr = (operator: string, values?: string[], key = 'a') => ({
      matchExpressions: [{ key, operator, values }],
    });
    expect(labelSelectorMatches(expr('In', ['0', '1']), l)).toBe(true);
    expect(labelSelectorMatches(expr('In', ['0']), l)).toBe(false);
    expect(labelSelectorMatches(expr('In', []), l)).toBe(false);
    expect(labelSelectorMatches(expr('NotIn', ['0']), l)).toBe(true);
    expect(labelSelectorMatches(expr('NotIn', ['0'], 'zzz'), l)).toBe(true);
    expect(labelSelectorMatches(expr('NotIn', ['1']), l)).toBe(false);
    expect(labelSelectorMatches(expr('Exists'), l)).toBe(true);
    expect(labelSelectorMatches(expr('Exists', undefined, 'zzz'), l)).toBe(false);
    expect(labelSelectorMatches(expr('DoesNotExist', undefined, 'zzz'), l)).toBe(true);
    expect(labelSelectorMatches(expr('Gt', ['0']), l)).toBe(false);
  });
});

describe('decision reasons', () => {
  it('names the binding that allowed', () => {
    const src = staticRbacSource([
      clusterRole('reader', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]),
      roleBinding('demo', 'read-pods', { kind: 'ClusterRole', name: 'reader' }, [
        group('devs'),
        user('bob'),
      ]),
      clusterRoleBinding('sa-read', 'reader', [
        { kind: 'ServiceAccount', name: 'ci', namespace: 'tools' },
      ]),
    ]);
    const pods = resourceAttributes({ verb: 'get', resource: 'pods', namespace: 'demo' });
    expect(authorize(u('bob'), pods, src).reason).toBe(
      'RBAC: allowed by RoleBinding "read-pods/demo" of ClusterRole "reader" to User "bob"',
    );
    expect(authorize(u('system:serviceaccount:tools:ci'), pods, src).reason).toBe(
      'RBAC: allowed by ClusterRoleBinding "sa-read" of ClusterRole "reader" to ServiceAccount "ci/tools"',
    );
  });

  it('reports bindings to missing roles, and still allows through other bindings', () => {
    const src = staticRbacSource([
      clusterRoleBinding('dangling', 'gone', [user('bob')]),
      roleBinding('demo', 'dangling-role', { kind: 'Role', name: 'missing' }, [user('bob')]),
    ]);
    const attrs = resourceAttributes({ verb: 'get', resource: 'pods', namespace: 'demo' });
    const d = authorize(u('bob'), attrs, src);
    expect(d).toEqual({
      allowed: false,
      reason:
        'RBAC: [clusterrole.rbac.authorization.k8s.io "gone" not found, role.rbac.authorization.k8s.io "missing" not found]',
    });
    expect(forbiddenMessage(u('bob'), attrs, d.reason)).toBe(
      'pods is forbidden: User "bob" cannot get resource "pods" in API group "" in the namespace "demo": RBAC: [clusterrole.rbac.authorization.k8s.io "gone" not found, role.rbac.authorization.k8s.io "missing" not found]',
    );
  });
});

describe('forbidden messages', () => {
  const bob = u('bob');
  it.each([
    [
      'POST',
      `/apis/${V}/v1alpha2/namespaces/demo/virtualmachines`,
      `virtualmachines.${V} is forbidden: User "bob" cannot create resource "virtualmachines" in API group "${V}" in the namespace "demo"`,
    ],
    [
      'GET',
      `/apis/${V}/v1alpha2/namespaces/demo/virtualmachines`,
      `virtualmachines.${V} is forbidden: User "bob" cannot list resource "virtualmachines" in API group "${V}" in the namespace "demo"`,
    ],
    [
      'GET',
      `/apis/${V}/v1alpha2/namespaces/demo/virtualmachines/x`,
      `virtualmachines.${V} "x" is forbidden: User "bob" cannot get resource "virtualmachines" in API group "${V}" in the namespace "demo"`,
    ],
    [
      'GET',
      `/apis/${V}/v1alpha2/virtualmachineclasses?watch=1`,
      `virtualmachineclasses.${V} is forbidden: User "bob" cannot watch resource "virtualmachineclasses" in API group "${V}" at the cluster scope`,
    ],
    [
      'GET',
      `/apis/${SUB}/v1alpha2/namespaces/demo/virtualmachines/vm1/console`,
      `virtualmachines.${SUB} "vm1" is forbidden: User "bob" cannot get resource "virtualmachines/console" in API group "${SUB}" in the namespace "demo"`,
    ],
    [
      'GET',
      '/api/v1/nodes',
      'nodes is forbidden: User "bob" cannot list resource "nodes" in API group "" at the cluster scope',
    ],
    ['GET', '/foo', 'forbidden: User "bob" cannot get path "/foo"'],
  ])('%s %s', (method, url, message) => {
    const [path = '', query = ''] = url.split('?');
    expect(forbiddenMessage(bob, requestAttributes(method, path, new URLSearchParams(query)))).toBe(
      message,
    );
  });

  it('builds a 403 Status with details', () => {
    const e = forbiddenError(
      bob,
      requestAttributes('DELETE', `/apis/${V}/v1alpha2/namespaces/demo/virtualmachines/x`),
    );
    expect(e.code).toBe(403);
    expect(e.status).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Forbidden',
      details: { name: 'x', group: V, kind: 'virtualmachines' },
    });
    const n = forbiddenError(bob, requestAttributes('GET', '/metrics'));
    expect(n.status.message).toBe('forbidden: User "bob" cannot get path "/metrics"');
    expect(n.status.details).toBeUndefined();
  });
});
