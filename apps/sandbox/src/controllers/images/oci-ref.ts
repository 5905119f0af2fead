/** A parsed container image reference (`[registry[:port]/]repository[:tag][@digest]`). */
export interface ImageReference {
  /** `host[:port]` of the registry (`registry-1.docker.io` for Docker Hub names). */
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
  /** The tag or digest to ask the registry for (digest wins; `latest` by default). */
  reference: string;
}

const DOCKER_HUB = 'registry-1.docker.io';

/**
 * Parses an image reference as the Docker CLI does: the first path component is a registry when
 * it has a `.` or a `:` or is `localhost`; otherwise the name is on Docker Hub (`library/` is
 * prepended to one-component names).
 * @throws Error with a readable message for malformed references.
 */
export function parseImageReference(input: string): ImageReference {
  const text = input.trim();
  if (!text) throw new Error('empty image reference');
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^[A-Za-z][A-Za-z0-9]*(?:[+._-][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/.test(digest))
      throw new Error(`invalid digest ${JSON.stringify(digest)} in image reference ${text}`);
  }
  let registry = DOCKER_HUB;
  const slash = rest.indexOf('/');
  const first = slash >= 0 ? rest.slice(0, slash) : '';
  if (slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first === 'docker.io' || first === 'index.docker.io' ? DOCKER_HUB : first;
    rest = rest.slice(slash + 1);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!/^[\w][\w.-]{0,127}$/.test(tag))
      throw new Error(`invalid tag ${JSON.stringify(tag)} in image reference ${text}`);
  }
  if (
    !/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(
      rest,
    )
  )
    throw new Error(
      `invalid repository name ${JSON.stringify(rest)} in image reference ${text} (lowercase letters, digits, '.', '_', '-' and '/' only)`,
    );
  const repository = registry === DOCKER_HUB && !rest.includes('/') ? `library/${rest}` : rest;
  return {
    registry,
    repository,
    ...(tag ? { tag } : {}),
    ...(digest ? { digest } : {}),
    reference: digest ?? tag ?? 'latest',
  };
}

/** True for registries on the loopback interface (the only ones plain HTTP is used for). */
export function isLoopbackRegistry(registry: string): boolean {
  const host = registry.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** A `WWW-Authenticate` challenge: scheme and its parameters. */
export interface AuthChallenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parses `Bearer realm="…",service="…",scope="…"` (or `Basic realm="…"`). */
export function parseAuthChallenge(header: string | undefined): AuthChallenge | undefined {
  if (!header) return undefined;
  const m = /^\s*(\w+)\s*(.*)$/.exec(header);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  const re = /(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g;
  let p: RegExpExecArray | null;
  while ((p = re.exec(m[2] ?? '')) !== null) {
    params[(p[1] ?? '').toLowerCase()] = (p[2] ?? p[3] ?? '').replace(/\\(.)/g, '$1');
  }
  return { scheme: (m[1] ?? '').toLowerCase(), params };
}

/** Docker config credentials for a registry, from a `.dockerconfigjson` document. */
export function credentialsFor(
  dockerConfigJson: string,
  registry: string,
): { username: string; password: string } | undefined {
  let doc: { auths?: Record<string, { auth?: string; username?: string; password?: string }> };
  try {
    doc = JSON.parse(dockerConfigJson) as typeof doc;
  } catch {
    throw new Error('the image pull secret has no valid .dockerconfigjson (not JSON)');
  }
  const auths = doc.auths ?? {};
  const aliases =
    registry === DOCKER_HUB
      ? [registry, 'docker.io', 'index.docker.io', 'https://index.docker.io/v1/']
      : [registry];
  for (const [key, entry] of Object.entries(auths)) {
    const host = key.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
    if (!aliases.includes(key) && !aliases.includes(host)) continue;
    if (entry.username !== undefined && entry.password !== undefined)
      return { username: entry.username, password: entry.password };
    if (entry.auth) {
      const plain = Buffer.from(entry.auth, 'base64').toString('utf8');
      const i = plain.indexOf(':');
      if (i > 0) return { username: plain.slice(0, i), password: plain.slice(i + 1) };
    }
  }
  return undefined;
}
