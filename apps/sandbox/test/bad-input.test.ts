import { describe, expect, it } from 'vitest';
import { api, useTestSandbox, vmManifest } from './harness.ts';

const sandbox = useTestSandbox();

const G = 'virtualization.deckhouse.io';
const VMS = `/apis/${G}/v1alpha2/namespaces/demo/virtualmachines`;

interface Status {
  kind: string;
  code: number;
  reason: string;
  message: string;
  details?: { causes?: { field: string; message: string }[] };
}

/** A small deterministic PRNG (mulberry32) so a failure can be reproduced. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(rand: () => number, value: unknown, depth = 0): unknown {
  const junk = [null, 0, -1, 1.5, 'x', '', true, [], {}, 'Ω'.repeat(3), 1e308, ['a', 1]];
  if (depth > 3 || rand() < 0.25) return junk[Math.floor(rand() * junk.length)];
  if (Array.isArray(value)) return value.map((v) => mutate(rand, v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = rand() < 0.3 ? mutate(rand, v, depth + 1) : v;
    if (rand() < 0.2) out[`unknown${Math.floor(rand() * 100)}`] = 'surprise';
    return out;
  }
  return junk[Math.floor(rand() * junk.length)];
}

const ALLOWED_CODES = new Set([400, 404, 409, 413, 415, 422]);

function expectStatus(r: { status: number; json: unknown }) {
  expect(r.status, JSON.stringify(r.json)).toBeLessThan(500);
  const s = r.json as Status;
  expect(s.kind).toBe('Status');
  expect(s.code).toBe(r.status);
  expect(s.message.length).toBeGreaterThan(0);
}

describe('bad input', () => {
  it('answers 300 generated malformed or mistyped bodies with a Status, never a 5xx, creating nothing', async () => {
    const rand = prng(20261121);
    const valid = JSON.stringify(vmManifest('fuzz'));
    const before = ((await api(sandbox(), 'GET', VMS)).json as { items: unknown[] }).items.length;
    for (let i = 0; i < 300; i++) {
      let body: string;
      const pick = rand();
      if (pick < 0.3) body = valid.slice(0, Math.floor(rand() * valid.length));
      else if (pick < 0.4)
        body = Buffer.from(Array.from({ length: 64 }, () => Math.floor(rand() * 256))).toString(
          'latin1',
        );
      else {
        const m = mutate(rand, JSON.parse(valid)) as Record<string, unknown>;
        // Keep the type right half of the time so deeper validation is exercised too.
        if (m && typeof m === 'object' && rand() < 0.5) {
          m.apiVersion = `${G}/v1alpha2`;
          m.kind = 'VirtualMachine';
        }
        body = JSON.stringify(m);
      }
      const r = await api(sandbox(), 'POST', VMS, { body, contentType: 'application/json' });
      if (r.status === 201) {
        // A mutation can still be a valid VM; that is fine, but it must really be one.
        expect((r.json as { kind: string }).kind).toBe('VirtualMachine');
        await api(
          sandbox(),
          'DELETE',
          `${VMS}/${(r.json as { metadata: { name: string } }).metadata.name}`,
        );
        continue;
      }
      expectStatus(r);
      expect(ALLOWED_CODES.has(r.status), `${r.status}: ${r.text}`).toBe(true);
    }
    expect((await api(sandbox(), 'GET', '/healthz')).status).toBe(200);
    const after = ((await api(sandbox(), 'GET', VMS)).json as { items: unknown[] }).items.length;
    expect(after).toBe(before);
  }, 120_000);

  it('rejects malformed JSON with 400 and YAML that is not an object with 400', async () => {
    const r1 = await api(sandbox(), 'POST', VMS, {
      body: '{"kind": "VirtualMachine",',
      contentType: 'application/json',
    });
    expect(r1.status).toBe(400);
    expect((r1.json as Status).message).toContain('json parse error');
    const r2 = await api(sandbox(), 'POST', VMS, {
      body: '- a\n- b\n',
      contentType: 'application/yaml',
    });
    expect(r2.status).toBe(400);
  });

  it('answers unknown kinds and groups with 404', async () => {
    expect(
      (await api(sandbox(), 'GET', `/apis/${G}/v1alpha2/namespaces/demo/virtualbananas`)).status,
    ).toBe(404);
    expect((await api(sandbox(), 'GET', '/apis/example.com/v1/things')).status).toBe(404);
    const wrongKind = await api(sandbox(), 'POST', VMS, {
      body: { apiVersion: `${G}/v1alpha2`, kind: 'VirtualBanana', metadata: { name: 'x' } },
    });
    expect(wrongKind.status).toBe(400);
  });

  it('refuses oversize bodies with 413', async () => {
    const huge = JSON.stringify({ ...vmManifest('huge'), padding: 'x'.repeat(4 * 1024 * 1024) });
    const r = await api(sandbox(), 'POST', VMS, { body: huge });
    expect(r.status).toBe(413);
    expect((r.json as Status).reason).toBe('RequestEntityTooLarge');
  });

  it('rejects invalid names with 422 and the field', async () => {
    for (const name of ['Bad_Name', '-leading', 'a'.repeat(64)]) {
      const r = await api(sandbox(), 'POST', VMS, { body: vmManifest(name) });
      expect(r.status, name).toBe(422);
      expect((r.json as Status).details?.causes?.[0]?.field).toBe('metadata.name');
    }
  });

  it('rejects wrong types with field causes', async () => {
    const m = vmManifest('typed') as { spec: { cpu: Record<string, unknown> } };
    m.spec.cpu.cores = 'four';
    const r = await api(sandbox(), 'POST', VMS, { body: m });
    expect(r.status).toBe(422);
    expect((r.json as Status).details?.causes?.map((c) => c.field)).toContain('spec.cpu.cores');
  });

  it('rejects invalid DVP specs with the documented errors', async () => {
    const cores17 = await api(sandbox(), 'POST', VMS, {
      body: vmManifest('seventeen', { cores: 17, coreFraction: '100%' }),
    });
    expect(cores17.status).toBe(422);
    expect((cores17.json as Status).message).toContain('spec.cpu.cores');
    const fraction = await api(sandbox(), 'POST', VMS, {
      body: vmManifest('fraction', { cores: 2, coreFraction: '30%' }),
    });
    expect(fraction.status).toBe(422);
    expect((fraction.json as Status).message).toContain('coreFraction');
    const big = vmManifest('bigdata') as Record<string, unknown> & {
      spec: Record<string, unknown>;
    };
    big.spec.provisioning = { type: 'UserData', userData: 'x'.repeat(2049) };
    const ud = await api(sandbox(), 'POST', VMS, { body: big });
    expect(ud.status).toBe(422);
    expect((ud.json as Status).message).toContain('2048');
  });
});
