/**
 * Embedded mode for portals (`?embed=1`): the console hides its own chrome and talks to the host
 * page with postMessage. The contract is documented in README § Console → Embedding.
 */

const FLAG = 'dvp.embed';
const HOST_ORIGIN = 'dvp.embed.host';

/** True when the console runs embedded (remembered for the tab, so in-app navigation keeps it). */
export function isEmbedded(): boolean {
  const param = new URLSearchParams(location.search).get('embed');
  if (param === '1') {
    try {
      sessionStorage.setItem(FLAG, '1');
    } catch {
      // storage blocked: the flag holds for this page load only
    }
    return true;
  }
  try {
    return sessionStorage.getItem(FLAG) === '1';
  } catch {
    return false;
  }
}

/** Messages the console sends to its host. */
export type ConsoleToHost =
  | { type: 'dvp:ready'; version: 1 }
  | { type: 'dvp:title'; title: string }
  | { type: 'dvp:route'; path: string }
  | { type: 'dvp:height'; height: number }
  | { type: 'dvp:session-expired' };

/** Messages the host may send. */
export type HostToConsole =
  | { type: 'dvp:locale'; locale: string }
  | { type: 'dvp:theme'; theme: 'light' | 'dark' | 'system' }
  | { type: 'dvp:navigate'; path: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A host message of a known shape, or undefined (unknown types and malformed fields are ignored,
 * so a portal's other postMessage traffic never reaches the app). Navigation paths must be
 * in-app absolute paths: no scheme, no protocol-relative `//host`, no backslashes.
 */
export function parseHostMessage(data: unknown): HostToConsole | undefined {
  if (!isRecord(data) || typeof data.type !== 'string') return undefined;
  switch (data.type) {
    case 'dvp:locale':
      return typeof data.locale === 'string' && data.locale.length <= 35
        ? { type: 'dvp:locale', locale: data.locale }
        : undefined;
    case 'dvp:theme':
      return data.theme === 'light' || data.theme === 'dark' || data.theme === 'system'
        ? { type: 'dvp:theme', theme: data.theme }
        : undefined;
    case 'dvp:navigate':
      return typeof data.path === 'string' &&
        data.path.length <= 2048 &&
        /^\/(?![/\\])[^\\\s]*$/.test(data.path)
        ? { type: 'dvp:navigate', path: data.path }
        : undefined;
    default:
      return undefined;
  }
}

/** `ru-RU` → `ru`: hosts may send full language tags. */
export function primaryLanguage(tag: string): string {
  return tag.toLowerCase().split(/[-_]/)[0] ?? '';
}

/** A router path for a host's path, which may carry the BFF's base path in front. */
export function routerPath(path: string, base: string): string {
  if (base && (path === base || path.startsWith(`${base}/`) || path.startsWith(`${base}?`)))
    return path.slice(base.length) || '/';
  return path;
}

/** The CSP sources the BFF allows to frame us (`<meta name="dvp-embed-origins">`, FRAME_ANCESTORS). */
export function embedSources(): string[] {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="dvp-embed-origins"]');
  return (meta?.content ?? '').split(/\s+/).filter(Boolean);
}

const DEFAULT_PORT: Record<string, string> = { 'http:': '80', 'https:': '443' };

/** Does `origin` match one CSP source expression (the same rules `frame-ancestors` applies)? */
function matchesSource(origin: URL, source: string, self: string): boolean {
  if (source === "'self'") return origin.origin === self;
  if (/^[a-z][a-z0-9+.-]*:$/i.test(source)) return origin.protocol === source.toLowerCase();
  const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*|(?:\*\.)?[^:/]+)(?::(\d+|\*))?(?:\/.*)?$/i.exec(
    source,
  );
  if (!m) return false;
  const [, scheme, host = '', port] = m;
  if (scheme) {
    if (origin.protocol !== `${scheme.toLowerCase()}:`) return false;
  } else {
    // No scheme: the protected page's scheme, or its secure upgrade.
    const ours = new URL(self).protocol;
    const ok = origin.protocol === ours || (ours === 'http:' && origin.protocol === 'https:');
    if (!ok) return false;
  }
  const h = host.toLowerCase();
  if (h === '*') {
    // any host
  } else if (h.startsWith('*.')) {
    if (!origin.hostname.endsWith(h.slice(1))) return false;
  } else if (origin.hostname !== h) return false;
  if (port === '*') return true;
  const want = port ?? DEFAULT_PORT[origin.protocol] ?? '';
  const have = origin.port || (DEFAULT_PORT[origin.protocol] ?? '');
  return want === have;
}

/** May `origin` talk to us? Our own origin always may; others only when the BFF lists them. */
export function originAllowed(origin: string, sources: readonly string[], self: string): boolean {
  if (origin === self) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false; // "null" (sandboxed frames, file:) and junk
  return sources.some((s) => matchesSource(url, s, self));
}

/** The host page's origin as the browser reports it (ancestorOrigins, else the referrer). */
function reportedHostOrigin(): string | undefined {
  const ancestors = (location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  if (ancestors?.length) return ancestors[0];
  try {
    return document.referrer ? new URL(document.referrer).origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The origin we post to: the host's own when it is allowed. Never `*`: titles and routes name
 * projects and VMs. Remembered for the tab (a reload inside the frame loses the referrer).
 */
export function hostOrigin(sources: readonly string[], self: string): string | undefined {
  let remembered: string | null = null;
  try {
    remembered = sessionStorage.getItem(HOST_ORIGIN);
  } catch {
    // storage blocked
  }
  const candidate = reportedHostOrigin() ?? remembered ?? undefined;
  return candidate && originAllowed(candidate, sources, self) ? candidate : undefined;
}

/** Remembers the origin of a host that has talked to us (an allowed one). */
export function rememberHostOrigin(origin: string): void {
  try {
    sessionStorage.setItem(HOST_ORIGIN, origin);
  } catch {
    // storage blocked: the referrer still tells us after a reload, in most browsers
  }
}

/** The conversation with the host: who may talk to us and where our messages go. */
export interface HostChannel {
  /** Posts to the host's allowed origin (never `*`); silent while there is none. */
  post(message: ConsoleToHost): void;
  /**
   * The message if it comes from our parent at an allowed origin and has a known shape;
   * `introduced` when it is the first that told us the host's origin (nothing reached it yet).
   */
  accept(e: MessageEvent): { msg: HostToConsole; introduced: boolean } | undefined;
}

/** A channel for this page: the allowlist is read once (it comes with index.html). */
export function createHostChannel(): HostChannel {
  const self = location.origin;
  const sources = embedSources();
  let target = hostOrigin(sources, self);
  return {
    post(message) {
      if (target && window.parent !== window) window.parent.postMessage(message, target);
    },
    accept(e) {
      if (e.source !== window.parent || !originAllowed(e.origin, sources, self)) return undefined;
      const msg = parseHostMessage(e.data);
      if (!msg) return undefined;
      const introduced = target === undefined;
      if (target !== e.origin) {
        target = e.origin;
        rememberHostOrigin(e.origin);
      }
      return { msg, introduced };
    },
  };
}
