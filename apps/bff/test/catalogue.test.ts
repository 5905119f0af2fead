import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Status } from '@dvp/api';
import { parseCatalogue } from '../src/routes/catalogue.ts';
import { startExtraBff, type ExtraBff } from './extra-bff.ts';
import { useStack } from './harness.ts';

const PATH = '/api/v1/catalogue';

describe('parseCatalogue', () => {
  it('keeps well-formed HTTP(S) entries and drops the rest', () => {
    const c = parseCatalogue({
      items: [
        { name: 'a.qcow2', title: 'A', url: 'http://h/a.qcow2', format: 'qcow2', size: 5 },
        { name: 'b', url: 'file:///etc/passwd' },
        { name: 'c', url: 'javascript:alert(1)' },
        { title: 'no name', url: 'https://h/x' },
        'junk',
      ],
      containerImages: ['reg/cat/demo:latest'],
    });
    expect(c.items).toEqual([
      {
        name: 'a.qcow2',
        title: 'A',
        url: 'http://h/a.qcow2',
        format: 'qcow2',
        size: 5,
        description: '',
      },
    ]);
    expect(c.containerImages).toEqual(['reg/cat/demo:latest']);
  });

  it('reads a document of the wrong shape as an empty catalogue', () => {
    expect(parseCatalogue({ items: 'nope' })).toEqual({ items: [], containerImages: [] });
    expect(parseCatalogue(null)).toEqual({ items: [], containerImages: [] });
  });
});

const DOC = {
  items: [
    {
      name: 'demo.qcow2',
      title: 'Demo',
      url: 'http://catalogue.local/demo.qcow2',
      format: 'qcow2',
      size: 1024,
      description: 'd',
    },
  ],
  containerImages: ['registry.local/catalogue/demo:latest'],
};

async function serve(body: string): Promise<Server> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return server;
}
const urlOf = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}/catalogue/`;

describe('GET /api/v1/catalogue', () => {
  const stack = useStack();
  const servers: Server[] = [];
  const bffs: Record<'good' | 'down' | 'bad' | 'strict', ExtraBff> = {} as never;

  beforeAll(async () => {
    const good = await serve(JSON.stringify(DOC));
    const bad = await serve('{"items": [');
    servers.push(good, bad);
    bffs.good = await startExtraBff(stack(), { CATALOGUE_URL: urlOf(good) });
    bffs.bad = await startExtraBff(stack(), { CATALOGUE_URL: urlOf(bad) });
    // Port 1 is privileged and closed on these machines: nobody answers.
    bffs.down = await startExtraBff(stack(), { CATALOGUE_URL: 'http://127.0.0.1:1/catalogue/' });
    bffs.strict = await startExtraBff(stack(), { CATALOGUE_URL: urlOf(good) }, { embedded: false });
  });
  afterAll(async () => {
    await Promise.all(Object.values(bffs).map((b) => b.stop()));
    await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
  });

  const get = (bff: ExtraBff, token?: string) =>
    fetch(`${bff.origin}${PATH}`, token ? { headers: { Authorization: `Bearer ${token}` } } : {});

  it('serves the configured catalogue to any signed-in user', async () => {
    const res = await get(bffs.good, stack().tokens.bob);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(DOC);
  });

  it('asks who is calling first', async () => {
    const res = await get(bffs.strict);
    expect(res.status).toBe(401);
    expect(((await res.json()) as Status).kind).toBe('Status');
  });

  for (const which of ['down', 'bad'] as const) {
    it(`answers an empty catalogue when it is ${which}, not an error`, async () => {
      const res = await get(bffs[which], stack().tokens.alice);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ items: [], containerImages: [] });
    });
  }
});
