import { describe, expect, it } from 'vitest';

import type { UserInfo } from '../apiserver/types.ts';
import { requestAttributes } from './attributes.ts';
import { bootstrapRbac, projectBindings, PROJECT_ADMIN_ROLE } from './bootstrap.ts';
import { forbiddenMessage } from './forbidden.ts';
import { impersonate } from './impersonation.ts';
import { authorize, rulesFor, staticRbacSource } from './rbac.ts';
import { user } from './rbac-objects.ts';
import { authenticateBearer, generateTokensFile, loadTokens } from './tokens.ts';
import { sandboxUsers } from './users.ts';

const V = 'virtualization.deckhouse.io';
const SUB = 'subresources.virtualization.deckhouse.io';
const objects = bootstrapRbac({ demoNamespace: 'demo' });
const rbac = staticRbacSource(objects);

// Log each example user in through a real token file, so groups come from authentication.
const { text, tokens } = generateTokensFile();
const table = loadTokens(text);
function login(name: string): UserInfo {
  const u = authenticateBearer(`Bearer ${tokens[name] ?? ''}`, table);
  if (!u) throw new Error(`cannot log in ${name}`);
  return u;
}

function may(name: string, method: string, url: string): boolean {
  const [path = '', query = ''] = url.split('?');
  return authorize(login(name), requestAttributes(method, path, new URLSearchParams(query)), rbac)
    .allowed;
}

const demo = (plural: string, rest = '') => `/apis/${V}/v1alpha2/namespaces/demo/${plural}${rest}`;
const other = (plural: string) => `/apis/${V}/v1alpha2/namespaces/prod/${plural}`;
const cluster = (plural: string) => `/apis/${V}/v1alpha2/${plural}`;
const sub = (name: string, s: string) =>
  `/apis/${SUB}/v1alpha2/namespaces/demo/virtualmachines/${name}/${s}`;

/** [method, url, admin, alice, dave, bob, carol, mallory] */
const matrix: [string, string, ...boolean[]][] = [
  ['GET', demo('virtualmachines'), true, true, true, true, false, false],
  ['GET', `${demo('virtualmachines')}?watch=true`, true, true, true, true, false, false],
  ['GET', demo('virtualmachines', '/vm1'), true, true, true, true, false, false],
  ['POST', demo('virtualmachines'), true, true, false, false, false, false],
  ['PATCH', demo('virtualmachines', '/vm1'), true, true, false, false, false, false],
  ['DELETE', demo('virtualmachines', '/vm1'), true, true, false, false, false, false],
  ['POST', demo('virtualdisks'), true, true, false, false, false, false],
  ['POST', demo('virtualmachineoperations'), true, true, true, false, false, false],
  ['GET', demo('virtualmachineoperations'), true, true, true, true, false, false],
  ['GET', sub('vm1', 'console'), true, true, true, false, false, false],
  ['GET', sub('vm1', 'vnc'), true, true, true, false, false, false],
  ['GET', '/api/v1/namespaces/demo/secrets', true, true, true, false, false, false],
  ['POST', '/api/v1/namespaces/demo/secrets', true, true, false, false, false, false],
  ['POST', '/api/v1/namespaces/demo/resourcequotas', true, true, false, false, false, false],
  ['GET', '/api/v1/namespaces/demo/events', true, true, true, true, false, false],
  [
    'POST',
    '/apis/rbac.authorization.k8s.io/v1/namespaces/demo/rolebindings',
    true,
    true,
    false,
    false,
    false,
    false,
  ],
  ['GET', '/api/v1/namespaces/demo', true, true, false, false, true, false],
  ['GET', other('virtualmachines'), true, false, false, false, false, false],
  ['GET', `/apis/${V}/v1alpha2/virtualmachines`, true, false, false, false, false, false],
  ['GET', cluster('virtualmachineclasses'), true, true, true, true, true, false],
  ['GET', cluster('clustervirtualimages'), true, true, true, true, true, false],
  ['POST', cluster('clustervirtualimages'), true, false, false, false, true, false],
  ['PUT', cluster('virtualmachineclasses/generic'), true, false, false, false, true, false],
  ['GET', cluster('virtualmachineipaddressleases'), true, false, false, false, true, false],
  ['GET', '/api/v1/nodes', true, false, false, false, true, false],
  ['GET', '/api/v1/namespaces', true, false, false, false, true, false],
  [
    'GET',
    '/apis/deckhouse.io/v1alpha1/moduleconfigs/virtualization',
    true,
    false,
    false,
    false,
    true,
    false,
  ],
  [
    'PATCH',
    '/apis/deckhouse.io/v1alpha1/moduleconfigs/virtualization',
    true,
    false,
    false,
    false,
    true,
    false,
  ],
  [
    'PATCH',
    '/apis/deckhouse.io/v1alpha1/moduleconfigs/global',
    true,
    false,
    false,
    false,
    false,
    false,
  ],
  ['GET', '/api/v1/namespaces/demo/pods', true, true, false, false, false, false],
  ['GET', '/version', true, true, true, true, true, true],
  ['GET', '/apis', true, true, true, true, true, true],
  ['GET', `/apis/${V}/v1alpha2`, true, true, true, true, true, true],
  ['GET', '/openapi/v3', true, true, true, true, true, true],
  ['GET', '/metrics', true, false, false, false, false, false],
  [
    'POST',
    '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
    true,
    true,
    true,
    true,
    true,
    true,
  ],
  [
    'POST',
    '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews',
    true,
    true,
    true,
    true,
    true,
    true,
  ],
  ['POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', true, true, true, true, true, true],
  [
    'POST',
    '/apis/authorization.k8s.io/v1/subjectaccessreviews',
    true,
    false,
    false,
    false,
    false,
    false,
  ],
  [
    'POST',
    '/apis/authorization.k8s.io/v1/namespaces/demo/localsubjectaccessreviews',
    true,
    true,
    false,
    false,
    false,
    false,
  ],
];
const people = ['admin', 'alice', 'dave', 'bob', 'carol', 'mallory'];

describe('example users', () => {
  it.each(matrix)('%s %s', (method, url, ...expected) => {
    const actual = people.map((p) => may(p, method, url));
    expect(Object.fromEntries(people.map((p, i) => [p, actual[i]]))).toEqual(
      Object.fromEntries(people.map((p, i) => [p, expected[i]])),
    );
  });

  it('tells bob why he cannot create a VM, in kube words', () => {
    const bob = login('bob');
    const attrs = requestAttributes('POST', demo('virtualmachines'));
    const d = authorize(bob, attrs, rbac);
    expect(d).toEqual({ allowed: false, reason: '' });
    expect(forbiddenMessage(bob, attrs, d.reason)).toBe(
      `virtualmachines.${V} is forbidden: User "bob" cannot create resource "virtualmachines" in API group "${V}" in the namespace "demo"`,
    );
  });

  it('grants through aggregation, which the allow reason shows', () => {
    const attrs = requestAttributes('POST', demo('virtualmachineoperations'));
    expect(authorize(login('dave'), attrs, rbac).reason).toBe(
      'RBAC: allowed by RoleBinding "dave-virtualization-user/demo" of ClusterRole "d8:use:role:user:virtualization" to User "dave"',
    );
    expect(authorize(login('alice'), attrs, rbac).reason).toBe(
      `RBAC: allowed by RoleBinding "d8-administrators/demo" of ClusterRole "${PROJECT_ADMIN_ROLE}" to User "alice"`,
    );
  });

  it('has no dangling role references', () => {
    for (const u of sandboxUsers) {
      expect(rulesFor(login(u.username), 'demo', rbac).errors).toEqual([]);
    }
  });

  it('gives the same rights when the console impersonates a user by name only', () => {
    const console = login('dvp-console');
    for (const name of ['alice', 'dave', 'bob', 'carol', 'mallory']) {
      const acting = impersonate(console, { 'impersonate-user': name }, rbac);
      for (const [method, url] of matrix) {
        const [path = '', query = ''] = url.split('?');
        const attrs = requestAttributes(method, path, new URLSearchParams(query));
        expect([name, method, url, authorize(acting, attrs, rbac).allowed]).toEqual([
          name,
          method,
          url,
          may(name, method, url),
        ]);
      }
    }
  });

  it('lets only the console (and admin) impersonate; the console itself only reads', () => {
    expect(() => impersonate(login('alice'), { 'impersonate-user': 'admin' }, rbac)).toThrow(
      'users "admin" is forbidden: User "alice" cannot impersonate resource "users" in API group "" at the cluster scope',
    );
    // Its own rights feed the shared watch cache: reads, never writes, never secrets.
    expect(may('dvp-console', 'GET', demo('virtualmachines'))).toBe(true);
    expect(may('dvp-console', 'GET', '/api/v1/nodes')).toBe(true);
    expect(may('dvp-console', 'POST', demo('virtualmachines'))).toBe(false);
    expect(may('dvp-console', 'DELETE', demo('virtualmachines', '/x'))).toBe(false);
    expect(may('dvp-console', 'GET', '/api/v1/namespaces/demo/secrets')).toBe(false);
  });
});

describe('bootstrap objects', () => {
  it('are plain rbac.authorization.k8s.io/v1 objects with unique names per kind and namespace', () => {
    const keys = objects.map(
      (o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`,
    );
    expect(new Set(keys).size).toBe(keys.length);
    for (const o of objects) expect(o.apiVersion).toBe('rbac.authorization.k8s.io/v1');
  });

  it('keep kube’s aggregation labels on admin/edit/view', () => {
    const byName = (n: string) =>
      objects.find((o) => o.kind === 'ClusterRole' && o.metadata.name === n);
    expect(byName('edit')?.metadata.labels).toMatchObject({
      'rbac.authorization.k8s.io/aggregate-to-admin': 'true',
    });
    expect(byName('view')?.metadata.labels).toMatchObject({
      'rbac.authorization.k8s.io/aggregate-to-edit': 'true',
    });
    expect(byName('admin')?.aggregationRule).toEqual({
      clusterRoleSelectors: [
        { matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' } },
      ],
    });
  });

  it('DVP use roles nest viewer ⊂ user ⊂ manager ⊂ admin ⊂ superadmin', () => {
    const levels = [
      'd8:use:role:viewer:virtualization',
      'd8:use:role:user:virtualization',
      'd8:use:role:manager:virtualization',
      'd8:use:role:admin:virtualization',
      'd8:use:virtualization:superadmin',
    ];
    const checks: [string, string, number][] = [
      ['GET', demo('virtualmachines'), 0],
      ['GET', sub('vm1', 'console'), 1],
      ['POST', demo('virtualmachines'), 2],
      ['POST', '/api/v1/namespaces/demo/limitranges', 3],
      ['GET', '/api/v1/namespaces/demo/pods', 4],
    ];
    levels.forEach((roleName, level) => {
      const world = staticRbacSource([
        ...objects,
        ...projectBindings('demo', []),
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'RoleBinding',
          metadata: { name: 'probe', namespace: 'demo' },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
          subjects: [{ kind: 'User', name: 'probe' }],
        },
      ]);
      for (const [method, url, minimum] of checks) {
        const attrs = requestAttributes(method, url);
        expect([
          roleName,
          url,
          authorize({ username: 'probe', groups: [] }, attrs, world).allowed,
        ]).toEqual([roleName, url, level >= minimum]);
      }
    });
  });

  it('projectBindings makes new project admins', () => {
    const world = staticRbacSource([...objects, ...projectBindings('prod', [user('erin')])]);
    const erin = { username: 'erin', groups: ['system:authenticated'] };
    expect(
      authorize(erin, requestAttributes('POST', other('virtualmachines')), world).allowed,
    ).toBe(true);
    expect(authorize(erin, requestAttributes('POST', demo('virtualmachines')), world).allowed).toBe(
      false,
    );
  });
});
