import { describe, expect, it } from 'vitest';

import { StatusError } from '../apiserver/errors.ts';
import {
  nonResourceAttributes,
  requestAttributes,
  requestAttributesFromUrl,
  resourceAttributes,
} from './attributes.ts';

const V = 'virtualization.deckhouse.io';
const SUB = 'subresources.virtualization.deckhouse.io';

function pick(method: string, url: string) {
  const a = requestAttributesFromUrl(method, url);
  return {
    resource: a.isResourceRequest,
    verb: a.verb,
    group: a.apiGroup,
    version: a.apiVersion,
    namespace: a.namespace,
    res: a.resource,
    sub: a.subresource,
    name: a.name,
  };
}

describe('requestAttributes: resource requests', () => {
  it.each([
    [
      'GET',
      `/apis/${V}/v1alpha2/namespaces/demo/virtualmachines`,
      'list',
      'demo',
      'virtualmachines',
      '',
      '',
    ],
    [
      'GET',
      `/apis/${V}/v1alpha2/namespaces/demo/virtualmachines/vm1`,
      'get',
      'demo',
      'virtualmachines',
      '',
      'vm1',
    ],
    [
      'HEAD',
      `/apis/${V}/v1alpha2/namespaces/demo/virtualmachines/vm1`,
      'get',
      'demo',
      'virtualmachines',
      '',
      'vm1',
    ],
    [
      'POST',
      `/apis/${V}/v1alpha2/namespaces/demo/virtualmachines`,
      'create',
      'demo',
      'virtualmachines',
      '',
      '',
    ],
    [
      'PUT',
      `/apis/${V}/v1alpha2/namespaces/demo/virtualmachines/vm1`,
      'update',
      'demo',
      'virtualmachines',
      '',
      'vm1',
    ],
    [
      'PATCH',
      `/apis/${V}/v1alpha2/namespaces/demo/virtualmachines/vm1`,
      'patch',
      'demo',
      'virtualmachines',
      '',
      'vm1',
    ],
    [
      'DELETE',
      `/apis/${V}/v1alpha2/namespaces/demo/virtualmachines/vm1`,
      'delete',
      'demo',
      'virtualmachines',
      '',
      'vm1',
    ],
    [
      'DELETE',
      `/apis/${V}/v1alpha2/namespaces/demo/virtualmachines`,
      'deletecollection',
      'demo',
      'virtualmachines',
      '',
      '',
    ],
    [
      'PUT',
      `/apis/${V}/v1alpha2/namespaces/demo/virtualmachines/vm1/status`,
      'update',
      'demo',
      'virtualmachines',
      'status',
      'vm1',
    ],
    [
      'GET',
      `/apis/${SUB}/v1alpha2/namespaces/demo/virtualmachines/vm1/console`,
      'get',
      'demo',
      'virtualmachines',
      'console',
      'vm1',
    ],
    [
      'POST',
      `/apis/${SUB}/v1alpha2/namespaces/demo/virtualmachines/vm1/vnc`,
      'create',
      'demo',
      'virtualmachines',
      'vnc',
      'vm1',
    ],
    [
      'GET',
      `/apis/${V}/v1alpha2/virtualmachineclasses`,
      'list',
      '',
      'virtualmachineclasses',
      '',
      '',
    ],
    [
      'GET',
      `/apis/${V}/v1alpha2/virtualmachineclasses/generic`,
      'get',
      '',
      'virtualmachineclasses',
      '',
      'generic',
    ],
    ['GET', '/api/v1/nodes/n1', 'get', '', 'nodes', '', 'n1'],
    ['GET', '/api/v1/pods', 'list', '', 'pods', '', ''],
    ['OPTIONS', '/api/v1/pods', '', '', 'pods', '', ''],
  ])('%s %s → %s', (method, url, verb, namespace, res, sub, name) => {
    expect(pick(method, url)).toMatchObject({ resource: true, verb, namespace, res, sub, name });
  });

  it('fills group and version, core group empty', () => {
    expect(pick('GET', `/apis/${V}/v1alpha2/virtualmachineclasses`)).toMatchObject({
      group: V,
      version: 'v1alpha2',
    });
    expect(pick('GET', '/api/v1/pods')).toMatchObject({ group: '', version: 'v1' });
  });

  it('treats namespaces as a resource named by the namespace, with status/finalize subresources', () => {
    expect(pick('GET', '/api/v1/namespaces')).toMatchObject({
      verb: 'list',
      namespace: '',
      res: 'namespaces',
    });
    expect(pick('GET', '/api/v1/namespaces/demo')).toMatchObject({
      verb: 'get',
      namespace: 'demo',
      res: 'namespaces',
      name: 'demo',
    });
    expect(pick('PUT', '/api/v1/namespaces/demo/finalize')).toMatchObject({
      verb: 'update',
      res: 'namespaces',
      name: 'demo',
      sub: 'finalize',
    });
    expect(pick('GET', '/api/v1/namespaces/demo/status')).toMatchObject({
      res: 'namespaces',
      sub: 'status',
    });
  });

  it('resolves watch from ?watch= with kube boolean rules', () => {
    const list = `/apis/${V}/v1alpha2/namespaces/demo/virtualmachines`;
    expect(pick('GET', `${list}?watch=true`).verb).toBe('watch');
    expect(pick('GET', `${list}?watch=1`).verb).toBe('watch');
    expect(pick('GET', `${list}?watch=yes`).verb).toBe('watch');
    expect(pick('GET', `${list}?watch=false`).verb).toBe('list');
    expect(pick('GET', `${list}?watch=0`).verb).toBe('list');
    expect(pick('GET', `${list}?watch=F`).verb).toBe('list');
    // A single object with ?watch stays a get.
    expect(pick('GET', `${list}/vm1?watch=true`).verb).toBe('get');
  });

  it('resolves the deprecated /watch/ path prefix', () => {
    expect(pick('GET', '/api/v1/watch/namespaces/demo/pods')).toMatchObject({
      verb: 'watch',
      namespace: 'demo',
      res: 'pods',
      name: '',
    });
    expect(pick('GET', '/api/v1/watch/pods/p1')).toMatchObject({
      verb: 'watch',
      res: 'pods',
      name: 'p1',
    });
  });

  it('never gives proxy requests a subresource', () => {
    expect(pick('GET', '/api/v1/proxy/namespaces/demo/services/web/some/path')).toMatchObject({
      verb: 'proxy',
      res: 'services',
      name: 'web',
      sub: '',
    });
  });

  it('takes the name from an exact metadata.name field selector', () => {
    const list = '/api/v1/namespaces/demo/secrets';
    expect(pick('GET', `${list}?fieldSelector=metadata.name%3Ds1`)).toMatchObject({
      verb: 'list',
      name: 's1',
    });
    expect(pick('GET', `${list}?fieldSelector=metadata.name%3D%3Ds1&watch=1`)).toMatchObject({
      verb: 'watch',
      name: 's1',
    });
    expect(pick('GET', `${list}?fieldSelector=type%3Dx,metadata.name%3Ds1`).name).toBe('s1');
    expect(pick('GET', `${list}?fieldSelector=metadata.name!%3Ds1`).name).toBe('');
    // Not a valid path segment: ignored.
    expect(pick('GET', `${list}?fieldSelector=metadata.name%3Da%2Fb`).name).toBe('');
    // A broken selector fails decoding: no name, watch still read from the raw query.
    expect(pick('GET', `${list}?fieldSelector=garbage&watch=true`)).toMatchObject({
      verb: 'watch',
      name: '',
    });
    expect(pick('GET', `${list}?limit=ten&fieldSelector=metadata.name%3Ds1`).name).toBe('');
  });

  it('records selectors for list, watch and deletecollection only', () => {
    const a = requestAttributesFromUrl(
      'GET',
      '/api/v1/pods?labelSelector=app%3Dx&fieldSelector=spec.nodeName%3Dn1',
    );
    expect(a).toMatchObject({ labelSelector: 'app=x', fieldSelector: 'spec.nodeName=n1' });
    const g = requestAttributesFromUrl('GET', '/api/v1/namespaces/d/pods/p?labelSelector=app%3Dx');
    expect(g.labelSelector).toBeUndefined();
    const w = requestAttributesFromUrl('GET', '/api/v1/watch/pods?labelSelector=app%3Dx');
    expect(w.labelSelector).toBeUndefined();
  });

  it('decodes percent-escapes in the path like Go URL.Path', () => {
    expect(pick('GET', '/api/v1/namespaces/demo/configmaps/a%3Ab').name).toBe('a:b');
    expect(pick('GET', '/api/v1/namespaces/demo/configmaps/%E0%A4%A').name).toBe('%E0%A4%A');
  });

  it('fails like kube for a special verb without a resource', () => {
    expect(() => requestAttributes('GET', '/api/v1/watch')).toThrow(StatusError);
    try {
      requestAttributes('GET', '/api/v1/watch');
    } catch (e) {
      expect(e instanceof StatusError && e.code).toBe(500);
    }
  });
});

describe('requestAttributes: non-resource requests', () => {
  it.each([
    ['GET', '/version', 'get'],
    ['GET', '/healthz', 'get'],
    ['GET', '/openapi/v2', 'get'],
    ['GET', '/openapi/v3/apis/virtualization.deckhouse.io/v1alpha2', 'get'],
    ['GET', '/api', 'get'],
    ['GET', '/api/v1', 'get'],
    ['GET', '/apis', 'get'],
    ['GET', `/apis/${V}`, 'get'],
    ['GET', `/apis/${V}/v1alpha2`, 'get'],
    ['POST', '/logs/x/y', 'post'],
    ['PUT', '/', 'put'],
  ])('%s %s is a non-resource %s', (method, path, verb) => {
    const a = requestAttributes(method, path);
    expect(a).toMatchObject({ isResourceRequest: false, verb, path, resource: '', apiGroup: '' });
  });
});

describe('synthetic attributes', () => {
  it('build resource and non-resource checks', () => {
    expect(resourceAttributes({ verb: 'get', resource: 'pods', namespace: 'd' })).toMatchObject({
      isResourceRequest: true,
      apiGroup: '',
      subresource: '',
      name: '',
      namespace: 'd',
    });
    expect(nonResourceAttributes('get', '/healthz')).toMatchObject({
      isResourceRequest: false,
      verb: 'get',
      path: '/healthz',
    });
  });
});
