import { describe, expect, it } from 'vitest';

import { StatusError } from '../apiserver/errors.ts';
import type { KubeObject, UserInfo } from '../apiserver/types.ts';
import { bootstrapRbac, PROJECT_ADMIN_ROLE } from './bootstrap.ts';
import { checkRbacWrite, compactRule, uncoveredRules } from './escalation.ts';
import { staticRbacSource } from './rbac.ts';
import { toPolicyRule } from './rbac-policy.ts';
import { clusterRole, clusterRoleBinding, role, roleBinding, user } from './rbac-objects.ts';

const base = bootstrapRbac({ demoNamespace: 'demo' });
const rbac = staticRbacSource(base);
const alice: UserInfo = { username: 'alice', groups: ['system:authenticated'] };

function message(fn: () => void): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return `${e.code} ${e.status.message ?? ''}`;
    throw e;
  }
  return 'allowed';
}

describe('checkRbacWrite', () => {
  it('lets a project admin share roles she holds in her namespace', () => {
    const share = roleBinding(
      'demo',
      'erin-viewer',
      { kind: 'ClusterRole', name: 'd8:use:role:viewer:virtualization' },
      [user('erin')],
    );
    expect(message(() => checkRbacWrite(alice, share, rbac))).toBe('allowed');
    const coAdmin = roleBinding(
      'demo',
      'erin-admin',
      { kind: 'ClusterRole', name: PROJECT_ADMIN_ROLE },
      [user('erin')],
    );
    expect(message(() => checkRbacWrite(alice, coAdmin, rbac))).toBe('allowed');
    const podReader = role('demo', 'pods', [
      { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods', 'pods/log'] },
    ]);
    expect(message(() => checkRbacWrite(alice, podReader, rbac))).toBe('allowed');
  });

  it('stops a project admin from binding cluster-admin or writing a wider role', () => {
    const grab = roleBinding('demo', 'grab', { kind: 'ClusterRole', name: 'cluster-admin' }, [
      user('alice'),
    ]);
    expect(message(() => checkRbacWrite(alice, grab, rbac))).toBe(
      '403 rolebindings.rbac.authorization.k8s.io "grab" is forbidden: user "alice" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:["*"], Resources:["*"], Verbs:["*"]}\n{NonResourceURLs:["*"], Verbs:["*"]}',
    );
    const wide = role('demo', 'wide', [
      { verbs: ['get', 'delete'], apiGroups: [''], resources: ['nodes'] },
    ]);
    expect(message(() => checkRbacWrite(alice, wide, rbac))).toBe(
      '403 roles.rbac.authorization.k8s.io "wide" is forbidden: user "alice" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
        '{APIGroups:[""], Resources:["nodes"], Verbs:["get"]}\n{APIGroups:[""], Resources:["nodes"], Verbs:["delete"]}',
    );
    // Her namespace rights do not count at cluster scope.
    const cr = clusterRole('mine', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }]);
    expect(message(() => checkRbacWrite(alice, cr, rbac))).toMatch(
      /^403 clusterroles.rbac.authorization.k8s.io "mine" is forbidden/,
    );
  });

  it('reports a binding to a missing role', () => {
    const b = roleBinding('demo', 'x', { kind: 'Role', name: 'ghost' }, [user('erin')]);
    expect(message(() => checkRbacWrite(alice, b, rbac))).toBe(
      '403 rolebindings.rbac.authorization.k8s.io "x" is forbidden: role.rbac.authorization.k8s.io "ghost" not found',
    );
  });

  it('honours the bind and escalate verbs', () => {
    const extra: KubeObject[] = [
      clusterRole('binder', [
        {
          verbs: ['bind'],
          apiGroups: ['rbac.authorization.k8s.io'],
          resources: ['clusterroles'],
          resourceNames: ['cluster-admin'],
        },
        { verbs: ['escalate'], apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'] },
      ]),
      clusterRoleBinding('binder', 'binder', [user('alice')]),
    ];
    const world = staticRbacSource([...base, ...extra]);
    const grab = roleBinding('demo', 'grab', { kind: 'ClusterRole', name: 'cluster-admin' }, [
      user('alice'),
    ]);
    expect(message(() => checkRbacWrite(alice, grab, world))).toBe('allowed');
    const wide = role('demo', 'wide', [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]);
    expect(message(() => checkRbacWrite(alice, wide, world))).toBe('allowed');
    // bind on cluster-admin does not cover other roles.
    const other = roleBinding(
      'demo',
      'o',
      { kind: 'ClusterRole', name: 'd8:use:virtualization:superadmin' },
      [user('alice')],
    );
    expect(message(() => checkRbacWrite(alice, other, world))).toMatch(/attempting to grant/);
  });

  it('requires every right to write an aggregation rule', () => {
    const agg = clusterRole('agg', [], { aggregate: [{ x: 'y' }] });
    const carol: UserInfo = { username: 'carol', groups: ['system:authenticated'] };
    expect(message(() => checkRbacWrite(carol, agg, rbac))).toBe(
      '403 clusterroles.rbac.authorization.k8s.io "agg" is forbidden: must have cluster-admin privileges to use the aggregationRule',
    );
    const root: UserInfo = { username: 'root', groups: ['system:masters'] };
    expect(message(() => checkRbacWrite(root, agg, rbac))).toBe('allowed');
  });

  it('ignores other kinds', () => {
    const vm: KubeObject = {
      apiVersion: 'virtualization.deckhouse.io/v1alpha2',
      kind: 'VirtualMachine',
      metadata: { name: 'x' },
    };
    expect(message(() => checkRbacWrite({ username: 'm', groups: [] }, vm, rbac))).toBe('allowed');
  });
});

describe('uncoveredRules', () => {
  const r = (x: Record<string, string[]>) => toPolicyRule(x);
  it('covers by wildcard, */subresource, resource names and URL prefix', () => {
    expect(
      uncoveredRules(
        [r({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] })],
        [r({ verbs: ['get'], apiGroups: ['x'], resources: ['a/b'] })],
      ),
    ).toEqual([]);
    expect(
      uncoveredRules(
        [r({ verbs: ['get'], apiGroups: [''], resources: ['*/status'] })],
        [r({ verbs: ['get'], apiGroups: [''], resources: ['pods/status'] })],
      ),
    ).toEqual([]);
    expect(
      uncoveredRules(
        [r({ verbs: ['get'], apiGroups: [''], resources: ['*/status'] })],
        [r({ verbs: ['get'], apiGroups: [''], resources: ['pods'] })],
      ),
    ).toHaveLength(1);
    const named = [
      r({ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['a'] }),
    ];
    expect(
      uncoveredRules(named, [
        r({ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['a'] }),
      ]),
    ).toEqual([]);
    expect(
      uncoveredRules(named, [r({ verbs: ['get'], apiGroups: [''], resources: ['secrets'] })]),
    ).toHaveLength(1);
    expect(
      uncoveredRules(
        [r({ verbs: ['get'], nonResourceURLs: ['/apis/*'] })],
        [r({ verbs: ['get'], nonResourceURLs: ['/apis/x', '/api'] })],
      ).map(compactRule),
    ).toEqual(['{NonResourceURLs:["/api"], Verbs:["get"]}']);
  });
});
