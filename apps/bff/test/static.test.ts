import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injectBasePath, injectEmbedOrigins } from '../src/routes/static.ts';
import { startExtraBff, rawRequest, type ExtraBff } from './extra-bff.ts';
import { useStack } from './harness.ts';

const INDEX = `<!doctype html><html><head><meta charset="utf-8"><title>DVP</title>
<script type="module" src="./assets/index-AbCd1234.js"></script></head><body><div id="root"></div></body></html>`;
const SCRIPT = 'console.info("app");';
const OUTSIDE = 'TOP-SECRET-OUTSIDE-THE-ROOT';

const html = { Accept: 'text/html,application/xhtml+xml' };

describe('serving the built console', () => {
  const stack = useStack();
  let parent: string;
  let dist: string;
  let root: ExtraBff;
  let mounted: ExtraBff;
  let unbuilt: ExtraBff;

  beforeAll(async () => {
    parent = mkdtempSync(join(tmpdir(), 'dvp-static-'));
    dist = join(parent, 'dist');
    mkdirSync(join(dist, 'assets', 'nested'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, 'assets', 'index-AbCd1234.js'), SCRIPT);
    writeFileSync(join(dist, 'assets', 'style-Zz9_8-7x.css'), 'body{}');
    writeFileSync(join(dist, 'assets', 'plain.js'), '1');
    writeFileSync(join(dist, 'favicon.svg'), '<svg/>');
    writeFileSync(join(dist, '.env'), OUTSIDE);
    writeFileSync(join(parent, 'outside.txt'), OUTSIDE);
    root = await startExtraBff(stack(), { STATIC_DIR: dist });
    mounted = await startExtraBff(stack(), {
      STATIC_DIR: dist,
      BASE_PATH: '/console',
      FRAME_ANCESTORS: 'https://portal.example.com https://*.example.org:8443',
    });
    unbuilt = await startExtraBff(stack(), { STATIC_DIR: join(parent, 'missing') });
  });

  afterAll(async () => {
    await Promise.all([root?.stop(), mounted?.stop(), unbuilt?.stop()]);
    rmSync(parent, { recursive: true, force: true });
  });

  it('serves index.html with the base path injected, revalidated every time', async () => {
    for (const path of ['/', '/index.html']) {
      const res = await fetch(`${root.origin}${path}`, { headers: html });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const body = await res.text();
      expect(body).toContain('<head><base href="/"><meta name="dvp-base-path" content="">');
      expect(body).toContain('./assets/index-AbCd1234.js');
      const etag = res.headers.get('etag') ?? '';
      expect(etag).toMatch(/^".+"$/);
      const again = await fetch(`${root.origin}${path}`, { headers: { 'If-None-Match': etag } });
      expect(again.status).toBe(304);
    }
  });

  it('caches hashed assets for a year and everything else not at all', async () => {
    const js = await fetch(`${root.origin}/assets/index-AbCd1234.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await js.text()).toBe(SCRIPT);
    const css = await fetch(`${root.origin}/assets/style-Zz9_8-7x.css`);
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const path of ['/assets/plain.js', '/favicon.svg']) {
      const res = await fetch(`${root.origin}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
    }
  });

  it('answers navigations to client-side routes with the page (GET and HEAD)', async () => {
    const get = await fetch(`${root.origin}/projects/demo/vms/web-1`, { headers: html });
    expect(get.status).toBe(200);
    expect(await get.text()).toContain('<div id="root">');
    const head = await fetch(`${root.origin}/projects/demo/vms`, { method: 'HEAD', headers: html });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('answers 404 Status, never the page, for unknown assets and non-navigations', async () => {
    const cases: [string, Record<string, string>][] = [
      ['/assets/index-Missing1.js', html],
      ['/assets/', html],
      ['/assets/nested/', {}],
      ['/projects/demo', { Accept: 'application/json' }],
      ['/api/v1/unknown', html],
      ['/api', html],
    ];
    for (const [path, headers] of cases) {
      const res = await fetch(`${root.origin}${path}`, { headers });
      expect(res.status, path).toBe(404);
      expect(await res.json(), path).toMatchObject({ kind: 'Status', code: 404 });
    }
    const post = await fetch(`${root.origin}/`, { method: 'POST', headers: html });
    expect(post.status).toBe(404);
  });

  it('never leaves the console directory nor shows hidden files', async () => {
    const paths = [
      '/../outside.txt',
      '/assets/../../outside.txt',
      '/%2e%2e/outside.txt',
      '/assets/%2E%2E/%2e%2e/outside.txt',
      '/..%2foutside.txt',
      '/assets%2f..%2f..%2foutside.txt',
      '/..%5coutside.txt',
      '/%c0%ae%c0%ae/outside.txt',
      '/assets/%00index-AbCd1234.js',
      '/.env',
      '/%2eenv',
      '/assets/../.env',
    ];
    for (const path of paths) {
      for (const headers of [{}, html]) {
        const res = await rawRequest(root.port, { path, headers });
        expect(res.text, path).not.toContain(OUTSIDE);
        expect(res.status, path).toBe(404);
        expect(JSON.parse(res.text)).toMatchObject({ kind: 'Status', code: 404 });
      }
    }
  });

  it('re-reads index.html after a rebuild', async () => {
    writeFileSync(
      join(dist, 'index.html'),
      INDEX.replace('<title>DVP</title>', '<title>v2</title>'),
    );
    const res = await fetch(`${root.origin}/`);
    expect(await res.text()).toContain('<title>v2</title>');
    writeFileSync(join(dist, 'index.html'), INDEX);
  });

  it('works under BASE_PATH: page, assets, API and probes below it, nothing outside', async () => {
    for (const path of ['/console/', '/console', '/console/projects/demo']) {
      const res = await fetch(`${mounted.origin}${path}`, { headers: html });
      expect(res.status, path).toBe(200);
      const body = await res.text();
      expect(body).toContain(
        '<base href="/console/"><meta name="dvp-base-path" content="/console">',
      );
      // The embed bridge's allowlist: the same sources as CSP frame-ancestors.
      expect(body).toContain(
        '<meta name="dvp-embed-origins" content="https://portal.example.com https://*.example.org:8443">',
      );
      expect(res.headers.get('content-security-policy')).toContain(
        "frame-ancestors 'self' https://portal.example.com https://*.example.org:8443",
      );
    }
    const js = await fetch(`${mounted.origin}/console/assets/index-AbCd1234.js`);
    expect(js.status).toBe(200);
    const session = await fetch(`${mounted.origin}/console/api/session`);
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ authenticated: true });
    expect((await fetch(`${mounted.origin}/console/healthz`)).status).toBe(200);
    for (const path of ['/', '/assets/index-AbCd1234.js', '/api/session', '/healthz']) {
      const res = await fetch(`${mounted.origin}${path}`, { headers: html });
      expect(res.status, path).toBe(404);
      expect(await res.json()).toMatchObject({ kind: 'Status', code: 404 });
    }
  });

  it('says how to build the console when there is none (not an error)', async () => {
    for (const path of ['/', '/projects/demo']) {
      const res = await fetch(`${unbuilt.origin}${path}`, { headers: html });
      expect(res.status, path).toBe(200);
      const body = await res.text();
      expect(body).toContain('The console is not built yet');
      expect(body).toContain('pnpm --filter @dvp/console build');
      expect(body).toContain('STATIC_DIR');
    }
    const asset = await fetch(`${unbuilt.origin}/assets/index-AbCd1234.js`);
    expect(asset.status).toBe(404);
    expect((await fetch(`${unbuilt.origin}/api/session`)).status).toBe(200);
  });
});

describe('injectBasePath', () => {
  it('replaces an existing base tag and meta instead of adding a second one', () => {
    const out = injectBasePath(
      '<html><head lang="x"><base href="/old/"><meta name="dvp-base-path" content="/old"></head></html>',
      '/new',
    );
    expect(out).toBe(
      '<html><head lang="x"><base href="/new/"><meta name="dvp-base-path" content="/new"></head></html>',
    );
  });

  it('prepends the tags when the page has no head', () => {
    expect(injectBasePath('<p>x</p>', '')).toBe(
      '<base href="/"><meta name="dvp-base-path" content=""><p>x</p>',
    );
  });
});

describe('injectEmbedOrigins', () => {
  it('lists the FRAME_ANCESTORS sources (none by default) and replaces an existing meta', () => {
    expect(injectEmbedOrigins('<head></head>', [])).toBe(
      '<head><meta name="dvp-embed-origins" content=""></head>',
    );
    expect(
      injectEmbedOrigins('<head><meta name="dvp-embed-origins" content="x"></head>', [
        "'self'",
        'https://a.example',
        'https://b.example/p&q',
      ]),
    ).toBe(
      '<head><meta name="dvp-embed-origins" content="https://a.example https://b.example/p&#38;q"></head>',
    );
  });
});
