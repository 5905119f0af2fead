import { errors } from '../apiserver/errors.ts';

/**
 * What a request asks to do, in the terms RBAC speaks. Field for field the `RequestInfo` of
 * kube-apiserver (k8s.io/apiserver/pkg/endpoints/request/requestinfo.go): absent values are `''`,
 * never undefined, so a rule check and a forbidden message read the same way kube's do.
 */
export interface RequestAttributes {
  /** False for `/version`, `/healthz`, `/api`, `/apis/G`, `/apis/G/V` and anything off the API. */
  isResourceRequest: boolean;
  /** The decoded URL path, checked against `nonResourceURLs` for non-resource requests. */
  path: string;
  /** Kube verb (get, list, watch, create, update, patch, delete, deletecollection, proxy) or, for
   * non-resource requests, the lower-cased HTTP method. */
  verb: string;
  apiPrefix: string;
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
  /** Path parts from the resource on: `[resource, name, subresource, ...]`. */
  parts: string[];
  /** Raw selectors of list/watch/deletecollection requests (kube's AuthorizeWithSelectors). */
  fieldSelector?: string;
  labelSelector?: string;
}

const API_PREFIXES = new Set(['api', 'apis']);
const GROUPLESS_PREFIXES = new Set(['api']);
/** Verbs spelled as a path prefix (`/api/v1/watch/pods`); deprecated but still served by kube. */
const SPECIAL_VERBS = new Set(['proxy', 'watch']);
const SPECIAL_VERBS_NO_SUBRESOURCES = new Set(['proxy']);
/** `/api/v1/namespaces/x/status` is a subresource of the namespace, not a resource named status. */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);
const VERBS_WITH_SELECTORS = new Set(['list', 'watch', 'deletecollection']);

const METHOD_VERBS: Record<string, string> = {
  POST: 'create',
  GET: 'get',
  HEAD: 'get',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

function splitPath(path: string): string[] {
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? [] : trimmed.split('/');
}

/**
 * Parses a field selector far enough to find an exact `metadata.name` requirement, as
 * `fields.Selector.RequiresExactMatch` does. Returns `null` when the selector does not parse
 * (kube then ignores every list option except `watch`).
 */
function exactFieldMatch(selector: string, field: string): string | undefined | null {
  if (selector === '') return undefined;
  let found: string | undefined;
  // Kube escapes `,` `=` `!` `\` inside values with a backslash; split on unescaped commas only.
  for (const term of selector.split(/(?<!\\),/)) {
    const m = /^(.*?)(!=|==|=)(.*)$/.exec(term);
    if (!m) return null;
    const [, key = '', op, value = ''] = m;
    if (key.trim() === '') return null;
    if (key.trim() === field && op !== '!=') found = value.replace(/\\(.)/g, '$1');
  }
  return found;
}

/** `path.IsValidPathSegmentName`: a name that can stand as one URL path segment. */
function isValidPathSegmentName(name: string): boolean {
  return name !== '.' && name !== '..' && !name.includes('/') && !name.includes('%');
}

/** kube's `Convert_Slice_string_To_bool`, used for `?watch=`. */
function truthy(value: string): boolean {
  const v = value.toLowerCase();
  return !(v === '0' || v === 'f' || v === 'false');
}

interface ListOptionsView {
  watch: boolean;
  name?: string;
}

/** The subset of `metainternalversion.ListOptions` decoding that changes the verb or the name. */
function decodeListOptions(query: URLSearchParams): ListOptionsView {
  const watchValue = query.get('watch');
  const watch = watchValue !== null && truthy(watchValue);
  const integersOk = ['limit', 'timeoutSeconds'].every((k) => {
    const v = query.get(k);
    return v === null || /^-?\d+$/.test(v);
  });
  const selector = query.get('fieldSelector');
  const name = selector === null ? undefined : exactFieldMatch(selector, 'metadata.name');
  if (!integersOk || name === null) {
    // A decode failure resets every option but watch, which kube re-reads with its own rule.
    return { watch: watchValue !== null && !['false', '0'].includes(watchValue.toLowerCase()) };
  }
  return name !== undefined && isValidPathSegmentName(name) ? { watch, name } : { watch };
}

/**
 * Resolves a request to its RBAC attributes exactly as kube's `RequestInfoFactory.NewRequestInfo`.
 * `path` is the decoded URL path; `query` its parameters.
 * @throws StatusError 500, as kube does, for `/api/v1/watch` and `/api/v1/proxy` without a resource.
 */
export function requestAttributes(
  method: string,
  path: string,
  query: URLSearchParams = new URLSearchParams(),
): RequestAttributes {
  const info: RequestAttributes = {
    isResourceRequest: false,
    path,
    verb: method.toLowerCase(),
    apiPrefix: '',
    apiGroup: '',
    apiVersion: '',
    namespace: '',
    resource: '',
    subresource: '',
    name: '',
    parts: [],
  };
  let parts = splitPath(path);
  const [prefix, ...rest] = parts;
  if (parts.length < 3 || prefix === undefined || !API_PREFIXES.has(prefix)) return info;
  parts = rest;
  if (!GROUPLESS_PREFIXES.has(prefix)) {
    // A group request needs group, version and a resource: `/apis/G/V` is discovery.
    if (parts.length < 3) return info;
    info.apiGroup = parts[0] ?? '';
    parts = parts.slice(1);
  }
  const [version = '', first = '', ...afterFirst] = parts;
  const built: RequestAttributes = {
    ...info,
    isResourceRequest: true,
    apiPrefix: prefix,
    apiVersion: version,
  };
  parts = [first, ...afterFirst];

  let verbViaPath = false;
  if (SPECIAL_VERBS.has(first)) {
    if (afterFirst.length < 1) {
      throw errors.internal(
        `failed to create RequestInfo: unable to determine kind and namespace from url, ${path}`,
      );
    }
    built.verb = first;
    parts = afterFirst;
    verbViaPath = true;
  } else {
    built.verb = METHOD_VERBS[method.toUpperCase()] ?? '';
  }

  if (parts[0] === 'namespaces') {
    if (parts.length > 1) {
      built.namespace = parts[1] ?? '';
      const third = parts[2];
      if (third !== undefined && !NAMESPACE_SUBRESOURCES.has(third)) parts = parts.slice(2);
    }
  }
  built.parts = parts;
  const [resource = '', name = '', subresource = ''] = parts;
  built.resource = resource;
  if (parts.length >= 2) built.name = name;
  if (parts.length >= 3 && !SPECIAL_VERBS_NO_SUBRESOURCES.has(built.verb)) {
    built.subresource = subresource;
  }

  if (built.name === '' && built.verb === 'get') {
    const opts = decodeListOptions(query);
    built.verb = opts.watch ? 'watch' : 'list';
    if (opts.name !== undefined) built.name = opts.name;
  }
  if (built.name === '' && built.verb === 'delete') built.verb = 'deletecollection';

  if (!verbViaPath && VERBS_WITH_SELECTORS.has(built.verb)) {
    const fieldSelector = query.get('fieldSelector');
    const labelSelector = query.get('labelSelector');
    if (fieldSelector !== null) built.fieldSelector = fieldSelector;
    if (labelSelector !== null) built.labelSelector = labelSelector;
  }
  return built;
}

/**
 * {@link requestAttributes} from a raw request target (`req.url` of Node: encoded path + query).
 * The path is percent-decoded as Go's `URL.Path` is; an undecodable path is used as sent.
 */
export function requestAttributesFromUrl(method: string, url: string): RequestAttributes {
  const parsed = new URL(url, 'http://sandbox.invalid');
  let path = parsed.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // Malformed escapes: keep the raw path, which then simply matches no rule.
  }
  return requestAttributes(method, path, parsed.searchParams);
}

/** Attributes for a synthetic resource check (access reviews, impersonation, UI capability checks). */
export function resourceAttributes(a: {
  verb: string;
  group?: string;
  version?: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}): RequestAttributes {
  return {
    isResourceRequest: true,
    path: '',
    verb: a.verb,
    apiPrefix: '',
    apiGroup: a.group ?? '',
    apiVersion: a.version ?? '',
    namespace: a.namespace ?? '',
    resource: a.resource,
    subresource: a.subresource ?? '',
    name: a.name ?? '',
    parts: [],
  };
}

/** Attributes for a synthetic non-resource check (`get /healthz`). */
export function nonResourceAttributes(verb: string, path: string): RequestAttributes {
  return { ...resourceAttributes({ verb, resource: '' }), isResourceRequest: false, path };
}
