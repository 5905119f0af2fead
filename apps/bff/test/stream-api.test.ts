import { describe, expect, it } from 'vitest';
import { buildPath, endpoints, type Status } from '@dvp/api';
import { dvpPath, vmBody } from './data-fixtures.ts';
import { call, useStack, type Stack } from './harness.ts';
import { SseClient } from './stream-client.ts';

/** The stream endpoints' contract: headers, heartbeats, bad input, topic changes, access changes. */

const topicsPath = (streamId: string) => buildPath(endpoints.streamTopicsUpdate.path, { streamId });

const createVm = (s: Stack, ns: string, name: string) =>
  s.kube('admin', { method: 'POST', path: dvpPath(ns, 'virtualmachines'), body: vmBody(name) });

describe('event stream API', () => {
  const stack = useStack({ env: { STREAM_HEARTBEAT_SECONDS: '1', ACCESS_CACHE_SECONDS: '1' } });

  it('answers SSE headers at once, HELLO first, then heartbeat comments', async () => {
    const c = await SseClient.open(stack(), 'bob', ['virtualmachines/demo']);
    expect(c.status).toBe(200);
    expect(c.res.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(c.res.headers['cache-control']).toMatch(/no-cache/);
    expect(c.res.headers['x-accel-buffering']).toBe('no');
    const hello = await c.hello();
    expect(hello).toEqual({
      type: 'HELLO',
      streamId: expect.any(String) as string,
      heartbeatSeconds: 1,
    });
    expect(c.data()[0]).toEqual(hello);
    expect(c.messages[0]?.id).toMatch(/^[\w-]+\.[\w-]+\.0\.\d+$/);
    await c.waitForComments(2);
    // Every message has an id a reconnect can send back.
    await c.waitFor((m) => m.type === 'RESYNC');
    for (const m of c.messages) expect(m.id).toBeTruthy();
    c.close();
  });

  it('refuses a token the cluster rejects (401) and malformed topics (422 with causes)', async () => {
    const s = stack();
    const anon = await fetch(`${s.url}/api/v1/stream?topics=nodes`, {
      headers: { Authorization: 'Bearer nope' },
    });
    expect(anon.status).toBe(401);
    expect(await anon.json()).toMatchObject({ kind: 'Status', code: 401 });

    const bad = await SseClient.open(s, 'admin', [], { query: '?topics=nodes,Bad%20Topic,a/b/c' });
    expect(bad.status).toBe(422);
    expect(await bad.body()).toMatchObject({
      kind: 'Status',
      reason: 'Invalid',
      details: {
        causes: [
          { field: 'query.topics[1]', reason: 'FieldValueInvalid' },
          { field: 'query.topics[2]', reason: 'FieldValueInvalid' },
        ],
      },
    });
    // Repeated parameters add up, as comma lists do.
    const repeated = await SseClient.open(s, 'admin', [], {
      query: '?topics=nodes&topics=virtualmachineclasses',
    });
    for (const t of ['nodes', 'virtualmachineclasses']) {
      await repeated.waitFor((m) => m.type === 'RESYNC' && m.topic === t);
    }
    repeated.close();
  });

  it('refuses unknown kinds per topic and serves the others', async () => {
    const c = await SseClient.open(stack(), 'admin', ['nosuchthings', 'nodes', 'nodes/x']);
    const errors = await Promise.all(
      ['nosuchthings', 'nodes/x'].map((t) => c.waitFor((m) => m.type === 'ERROR' && m.topic === t)),
    );
    expect(errors.map((e) => e.data.type === 'ERROR' && e.data.status.code)).toEqual([404, 400]);
    await c.waitFor((m) => m.type === 'RESYNC' && m.topic === 'nodes');
    c.close();
  });

  it('changes topics of its own stream only', async () => {
    const s = stack();
    const c = await SseClient.open(s, 'bob', ['virtualmachines/demo']);
    const { streamId } = await c.hello();
    await c.waitFor((m) => m.type === 'RESYNC');

    const other = await call<Status>(s, 'admin', 'PUT', topicsPath(streamId), {
      topics: ['nodes'],
    });
    expect(other.status).toBe(404);
    expect(other.body).toMatchObject({ kind: 'Status', reason: 'NotFound' });
    expect((await call(s, 'bob', 'PUT', topicsPath('no-such-stream'), { topics: [] })).status).toBe(
      404,
    );
    const bad = await call<Status>(s, 'bob', 'PUT', topicsPath(streamId), { topics: ['A/B'] });
    expect(bad.status).toBe(422);
    expect(bad.body.details?.causes?.[0]?.field).toBe('topics[0]');
    expect((await call(s, 'bob', 'PUT', topicsPath(streamId), { topic: [] })).status).toBe(422);

    const from = c.messages.length;
    const ok = await call(s, 'bob', 'PUT', topicsPath(streamId), {
      topics: ['virtualmachineclasses'],
    });
    expect(ok).toMatchObject({ status: 200, body: { topics: ['virtualmachineclasses'] } });
    await c.waitFor(
      (m) =>
        m.type === 'RESYNC' && m.topic === 'virtualmachineclasses' && m.reason === 'subscribed',
      from,
    );
    // The dropped topic delivers nothing more.
    await createVm(s, 'demo', 'put-dropped');
    await call(s, 'bob', 'PUT', topicsPath(streamId), {
      topics: ['virtualmachineclasses', 'nodes'],
    });
    await c.waitFor((m) => m.type === 'ERROR' && m.topic === 'nodes', from);
    expect(c.objectEvents()).toEqual([]);
    c.close();
  });

  it('stops a topic when the user loses access, and resumes it when access comes back', async () => {
    const s = stack();
    await s.kube('admin', {
      method: 'POST',
      path: '/api/v1/namespaces',
      body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'grant' } },
    });
    const binding = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'bob-viewer' },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'd8:use:role:viewer:virtualization',
      },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'bob' }],
    };
    const bindings = '/apis/rbac.authorization.k8s.io/v1/namespaces/grant/rolebindings';
    await s.kube('admin', { method: 'POST', path: bindings, body: binding });

    const c = await SseClient.open(s, 'bob', ['virtualmachines/grant']);
    await c.waitFor((m) => m.type === 'RESYNC' && m.reason === 'subscribed');
    await createVm(s, 'grant', 'g-1');
    await c.waitFor((m) => m.type === 'ADDED' && m.object.metadata.name === 'g-1');

    await s.kube('admin', { method: 'DELETE', path: `${bindings}/bob-viewer` });
    const revoked = await c.waitFor((m) => m.type === 'ERROR');
    expect(revoked.data).toMatchObject({
      type: 'ERROR',
      topic: 'virtualmachines/grant',
      status: { code: 403, reason: 'Forbidden' },
    });
    await c.waitFor((m) => m.type === 'RESYNC' && m.reason === 'access-changed');
    await createVm(s, 'grant', 'g-hidden');

    const from = c.messages.length;
    await s.kube('admin', { method: 'POST', path: bindings, body: binding });
    await c.waitFor((m) => m.type === 'RESYNC' && m.reason === 'access-changed', from);
    await createVm(s, 'grant', 'g-2');
    await c.waitFor((m) => m.type === 'ADDED' && m.object.metadata.name === 'g-2');
    expect(c.objectEvents().map((e) => e.object.metadata.name)).toEqual(['g-1', 'g-2']);
    c.close();
  });

  it('counts stream clients and messages in /metrics', async () => {
    const s = stack();
    const c = await SseClient.open(s, 'admin', ['nodes']);
    await c.waitFor((m) => m.type === 'RESYNC');
    const text = await (await fetch(`${s.origin}/metrics`)).text();
    expect(text).toMatch(/^dvp_bff_stream_clients [1-9]/m);
    expect(text).toMatch(/^dvp_bff_stream_events_total\{type="HELLO"\} [1-9]/m);
    expect(text).toMatch(/^dvp_bff_stream_events_total\{type="RESYNC"\} [1-9]/m);
    c.close();
  });
});
