import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../src/sandbox.ts';
import { api, vmManifest } from './harness.ts';
import { spawnSandbox, type SandboxProcess } from './process.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'dvp-durability-'));
const running: SandboxProcess[] = [];
afterAll(async () => {
  for (const p of running) {
    p.child.kill('SIGKILL');
    await p.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

const VMS = '/apis/virtualization.deckhouse.io/v1alpha2/namespaces/demo/virtualmachines';

describe('durability', () => {
  it('keeps every create that got a 201 across kill -9 during 200 concurrent creates', async () => {
    const first = await spawnSandbox(dataDir);
    running.push(first);
    const sb = first.sandbox as Sandbox;
    const agent = new Agent({ keepAlive: true, maxSockets: 32, ca: sb.caCert });
    const acknowledged: string[] = [];
    let killed = false;
    const creates = Array.from({ length: 200 }, (_, i) => {
      const name = `durable-${i}`;
      return api(sb, 'POST', VMS, { body: vmManifest(name), agent })
        .then((r) => {
          if (r.status === 201) acknowledged.push(name);
          // Kill the server abruptly once a good share of the creates were acknowledged.
          if (acknowledged.length === 80 && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        })
        .catch(() => undefined);
    });
    await Promise.all(creates);
    await first.exited;
    agent.destroy();
    expect(killed).toBe(true);
    expect(acknowledged.length).toBeGreaterThanOrEqual(80);

    const second = await spawnSandbox(dataDir);
    running.push(second);
    const list = await api(second.sandbox, 'GET', VMS);
    const names = new Set(
      (list.json as { items: { metadata: { name: string } }[] }).items.map((i) => i.metadata.name),
    );
    const lost = acknowledged.filter((n) => !names.has(n));
    expect(lost).toEqual([]);
    // resourceVersions keep increasing across the restart.
    const created = await api(second.sandbox, 'POST', VMS, {
      body: vmManifest('after-restart'),
    });
    expect(created.status).toBe(201);
    const rvs = (list.json as { items: { metadata: { resourceVersion: string } }[] }).items.map(
      (i) => Number(i.metadata.resourceVersion),
    );
    expect(
      Number((created.json as { metadata: { resourceVersion: string } }).metadata.resourceVersion),
    ).toBeGreaterThan(Math.max(...rvs));
  }, 120_000);
});
