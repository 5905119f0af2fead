import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { AppContext } from '../context.ts';
import { statusErrors } from '../k8s/status.ts';

/** `apps/console/dist`, next to this package (used when STATIC_DIR is not set). */
export const DEFAULT_STATIC_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../console/dist',
);

/** Vite's output names: `assets/<name>-<hash>.<ext>`; only these are cached forever. */
const HASHED_ASSET = /^assets\/(?:.+\/)?[^/]+-[A-Za-z0-9_-]{8,}\.[A-Za-z0-9]+$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

interface IndexPage {
  mtimeMs: number;
  size: number;
  html: string;
  etag: string;
}

/**
 * index.html with the base path injected: a `<base href>` so the build's relative asset URLs
 * (Vite `base: './'`) resolve from any deep link, and `<meta name="dvp-base-path">` for the
 * router's basename and the API client. Re-read when the file changes (a rebuild).
 */
function indexLoader(
  root: string,
  basePath: string,
  embedOrigins: readonly string[],
): () => IndexPage | undefined {
  let cached: IndexPage | undefined;
  const file = resolve(root, 'index.html');
  return () => {
    let st;
    try {
      st = statSync(file);
    } catch {
      return undefined;
    }
    if (!st.isFile()) return undefined;
    if (cached?.mtimeMs === st.mtimeMs && cached.size === st.size) return cached;
    const html = injectBasePath(
      injectEmbedOrigins(readFileSync(file, 'utf8'), embedOrigins),
      basePath,
    );
    const etag = `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`;
    cached = { mtimeMs: st.mtimeMs, size: st.size, html, etag };
    return cached;
  };
}

/** Adds (or replaces) `<base href="BASE/">` and the `dvp-base-path` meta at the top of head. */
export function injectBasePath(html: string, basePath: string): string {
  // BASE_PATH is validated to [A-Za-z0-9._~/-], so it needs no escaping in an attribute.
  const tags = `<base href="${basePath}/"><meta name="dvp-base-path" content="${basePath}">`;
  const cleaned = html
    .replace(/<base\b[^>]*>/gi, '')
    .replace(/<meta\s+name=["']dvp-base-path["'][^>]*>/gi, '');
  const head = /<head\b[^>]*>/i.exec(cleaned);
  if (!head) return `${tags}${cleaned}`;
  const at = head.index + head[0].length;
  return `${cleaned.slice(0, at)}${tags}${cleaned.slice(at)}`;
}

/**
 * Adds (or replaces) `<meta name="dvp-embed-origins">` with the FRAME_ANCESTORS sources: the
 * console's embed bridge accepts postMessage only from these hosts (and its own origin) and posts
 * only to them. The same list feeds CSP `frame-ancestors`, so the two never disagree.
 */
export function injectEmbedOrigins(html: string, sources: readonly string[]): string {
  const content = sources
    .filter((s) => s !== "'self'")
    .join(' ')
    .replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const tag = `<meta name="dvp-embed-origins" content="${content}">`;
  const cleaned = html.replace(/<meta\s+name=["']dvp-embed-origins["'][^>]*>/gi, '');
  const head = /<head\b[^>]*>/i.exec(cleaned);
  if (!head) return `${tag}${cleaned}`;
  const at = head.index + head[0].length;
  return `${cleaned.slice(0, at)}${tag}${cleaned.slice(at)}`;
}

function notBuiltPage(root: string, basePath: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><base href="${basePath}/">
<title>DVP console: not built</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:42rem;margin:4rem auto;padding:0 1rem}
code{background:#f2f2f2;padding:.1rem .3rem;border-radius:3px}</style></head>
<body><h1>The console is not built yet</h1>
<p>The API is running (<a href="api/session">api/session</a>), but there is no web console in
<code>${root.replace(/[&<>"]/g, '')}</code>.</p>
<p>Build it with <code>pnpm --filter @dvp/console build</code> and reload this page, or point
<code>STATIC_DIR</code> at a built console.</p></body></html>
`;
}

/** True when `req` is a browser navigation (it wants an HTML page). */
function isNavigation(req: Request): boolean {
  return (req.headers.accept ?? '').includes('text/html');
}

/**
 * The decoded path relative to the console root, or undefined when it could leave the root or
 * names a hidden file: `..` and `.` segments (also percent-encoded), NUL, backslashes.
 */
function safeRelative(path: string): string | undefined {
  let decoded;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  if (/[\0\\]/.test(decoded)) return undefined;
  const rel = decoded.replace(/^\/+/, '');
  if (rel.split('/').some((seg) => seg.startsWith('.'))) return undefined;
  return rel;
}

/**
 * The built console from STATIC_DIR (default `apps/console/dist`): hashed assets cached for a
 * year, index.html revalidated every time, SPA fallback for navigations (GET/HEAD asking for
 * HTML, outside `/api`), no directory listings, unknown assets 404. With no console built, the
 * root answers a page that says how to build it.
 */
export function registerStaticRoutes(app: Express, ctx: AppContext): void {
  const base = ctx.env.BASE_PATH;
  const root = ctx.env.STATIC_DIR ?? DEFAULT_STATIC_DIR;
  const loadIndex = indexLoader(root, base, ctx.env.FRAME_ANCESTORS);
  const files = express.static(root, {
    index: false,
    redirect: false,
    dotfiles: 'deny',
    fallthrough: true,
    setHeaders(res, file) {
      const rel = file
        .slice(root.length + 1)
        .split(sep)
        .join('/');
      res.setHeader('Cache-Control', HASHED_ASSET.test(rel) ? IMMUTABLE : 'no-cache');
    },
  });

  const sendIndex = (req: Request, res: Response, page: IndexPage) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('ETag', page.etag);
    const presented = (req.headers['if-none-match'] ?? '').split(',').map((t) => t.trim());
    if (presented.includes(page.etag) || presented.includes(`W/${page.etag}`)) {
      res.status(304).end();
      return;
    }
    res.type('html').send(page.html);
  };

  app.use(base || '/', (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next();
      return;
    }
    if (req.path === '/api' || req.path.startsWith('/api/')) {
      next();
      return;
    }
    const notFound = () => next(statusErrors.notFound(`${req.path} not found`));
    const rel = safeRelative(req.path);
    if (rel === undefined) {
      notFound();
      return;
    }
    const page = loadIndex();
    if (!page) {
      if (rel === '' || rel === 'index.html' || (isNavigation(req) && !rel.startsWith('assets/')))
        res.setHeader('Cache-Control', 'no-store').type('html').send(notBuiltPage(root, base));
      else notFound();
      return;
    }
    if (rel === '' || rel === 'index.html') {
      sendIndex(req, res, page);
      return;
    }
    files(req, res, () => {
      // Not a file (missing, or a directory: never listed). Assets never fall back to the page.
      if (isNavigation(req) && !rel.startsWith('assets/')) sendIndex(req, res, page);
      else notFound();
    });
  });
}
