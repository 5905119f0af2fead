import { describe, expect, it } from 'vitest';
import { api, useTestSandbox, vmManifest } from './harness.ts';

const sandbox = useTestSandbox();

const G = 'virtualization.deckhouse.io';
const VMS = `/apis/${G}/v1alpha2/namespaces/demo/virtualmachines`;

interface Status {
  kind: string;
  reason: string;
  message: string;
  code: number;
}

describe('authentication', () => {
  it('answers an unknown bearer token with 401 Unauthorized', async () => {
    const r = await api(sandbox(), 'GET', VMS, { token: 'not-a-real-token' });
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({ kind: 'Status', reason: 'Unauthorized' });
  });

  it('lets anonymous requests read /version and /healthz only', async () => {
    expect((await api(sandbox(), 'GET', '/version', { token: null })).status).toBe(200);
    expect((await api(sandbox(), 'GET', '/healthz', { token: null })).status).toBe(200);
    expect((await api(sandbox(), 'GET', VMS, { token: null })).status).toBe(403);
  });
});

describe('authorization', () => {
  it('forbids list, create and watch to a user without rights, with kube wording', async () => {
    const t = sandbox().tokens.mallory;
    const list = await api(sandbox(), 'GET', VMS, { token: t });
    expect(list.status).toBe(403);
    expect((list.json as Status).message).toBe(
      `virtualmachines.${G} is forbidden: User "mallory" cannot list resource "virtualmachines" in API group "${G}" in the namespace "demo"`,
    );
    const create = await api(sandbox(), 'POST', VMS, { token: t, body: vmManifest('nope') });
    expect(create.status).toBe(403);
    expect((create.json as Status).message).toContain('cannot create resource "virtualmachines"');
    const watch = await api(sandbox(), 'GET', `${VMS}?watch=true`, { token: t });
    expect(watch.status).toBe(403);
    expect((watch.json as Status).message).toContain('cannot watch resource "virtualmachines"');
    // Nothing was created by the forbidden request.
    expect((await api(sandbox(), 'GET', `${VMS}/nope`)).status).toBe(404);
  });

  it('gives the demo viewer read access and nothing more', async () => {
    const t = sandbox().tokens.bob;
    expect((await api(sandbox(), 'GET', VMS, { token: t })).status).toBe(200);
    expect((await api(sandbox(), 'POST', VMS, { token: t, body: vmManifest('bobs') })).status).toBe(
      403,
    );
    expect(
      (
        await api(sandbox(), 'GET', `/apis/${G}/v1alpha2/namespaces/default/virtualmachines`, {
          token: t,
        })
      ).status,
    ).toBe(403);
  });

  it('lets the demo project admin create VMs in demo only', async () => {
    const t = sandbox().tokens.alice;
    expect(
      (await api(sandbox(), 'POST', VMS, { token: t, body: vmManifest('alices') })).status,
    ).toBe(201);
    const elsewhere = await api(
      sandbox(),
      'POST',
      `/apis/${G}/v1alpha2/namespaces/default/virtualmachines`,
      {
        token: t,
        body: vmManifest('alices'),
      },
    );
    expect(elsewhere.status).toBe(403);
  });
});

describe('RBAC escalation prevention', () => {
  it('refuses a project admin binding cluster-admin, which she does not hold', async () => {
    const r = await api(
      sandbox(),
      'POST',
      '/apis/rbac.authorization.k8s.io/v1/namespaces/demo/rolebindings',
      {
        token: sandbox().tokens.alice,
        body: {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'RoleBinding',
          metadata: { name: 'grab-everything' },
          roleRef: {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'ClusterRole',
            name: 'cluster-admin',
          },
          subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'mallory' }],
        },
      },
    );
    expect(r.status).toBe(403);
    expect((r.json as Status).message).toContain(
      'attempting to grant RBAC permissions not currently held',
    );
  });
});

describe('impersonation', () => {
  it('acts as the impersonated user when the requester may impersonate', async () => {
    const asBob = await api(sandbox(), 'POST', VMS, {
      token: sandbox().tokens['dvp-console'],
      headers: { 'Impersonate-User': 'bob' },
      body: vmManifest('via-bff'),
    });
    expect(asBob.status).toBe(403);
    expect((asBob.json as Status).message).toContain('User "bob" cannot create');
    const asAlice = await api(sandbox(), 'GET', VMS, {
      token: sandbox().tokens['dvp-console'],
      headers: { 'Impersonate-User': 'alice' },
    });
    expect(asAlice.status).toBe(200);
  });

  it('forbids impersonation to a user without the impersonate verb', async () => {
    const r = await api(sandbox(), 'GET', VMS, {
      token: sandbox().tokens.bob,
      headers: { 'Impersonate-User': 'admin' },
    });
    expect(r.status).toBe(403);
    expect((r.json as Status).message).toBe(
      'users "admin" is forbidden: User "bob" cannot impersonate resource "users" in API group "" at the cluster scope',
    );
  });
});

describe('access reviews', () => {
  const review = (verb: string, namespace: string) => ({
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: { resourceAttributes: { group: G, resource: 'virtualmachines', verb, namespace } },
  });

  it('answers SelfSubjectAccessReview as the user', async () => {
    const path = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
    const bobList = await api(sandbox(), 'POST', path, {
      token: sandbox().tokens.bob,
      body: review('list', 'demo'),
    });
    expect(bobList.status).toBe(201);
    expect(bobList.json).toMatchObject({ status: { allowed: true } });
    const bobCreate = await api(sandbox(), 'POST', path, {
      token: sandbox().tokens.bob,
      body: review('create', 'demo'),
    });
    expect(bobCreate.json).toMatchObject({ status: { allowed: false } });
    const viaImpersonation = await api(sandbox(), 'POST', path, {
      token: sandbox().tokens['dvp-console'],
      headers: { 'Impersonate-User': 'alice' },
      body: review('create', 'demo'),
    });
    expect(viaImpersonation.json).toMatchObject({ status: { allowed: true } });
  });

  it('lists the rules in force with SelfSubjectRulesReview', async () => {
    const r = await api(
      sandbox(),
      'POST',
      '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews',
      {
        token: sandbox().tokens.bob,
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectRulesReview',
          spec: { namespace: 'demo' },
        },
      },
    );
    expect(r.status).toBe(201);
    const rules = (
      r.json as { status: { resourceRules: { verbs: string[]; resources?: string[] }[] } }
    ).status.resourceRules;
    const vmRule = rules.find((x) => x.resources?.includes('virtualmachines'));
    expect(vmRule?.verbs).toEqual(expect.arrayContaining(['get', 'list', 'watch']));
    expect(vmRule?.verbs).not.toContain('create');
  });
});
