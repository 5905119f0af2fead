/**
 * The path the BFF serves us under (`BASE_PATH`): it injects `<meta name="dvp-base-path">` into
 * index.html. Every API and websocket URL starts with it; the router uses it as its basename.
 */
export function basePath(): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="dvp-base-path"]');
  return (meta?.content ?? '').replace(/\/+$/, '');
}

/** An absolute URL path for a BFF path such as `/api/v1/...`. */
export function bffUrl(path: string): string {
  return `${basePath()}${path}`;
}

/** A ws(s):// URL for a BFF path (consoles). */
export function bffWebSocketUrl(path: string): string {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${location.host}${bffUrl(path)}`;
}
