import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestAttributes, type RequestAttributes } from '../../auth/attributes.ts';
import { errors } from '../errors.ts';
import type { Registry } from '../registry.ts';
import type { Security } from '../security.ts';
import type { ObjectService } from '../service/objects.ts';
import type { UserInfo } from '../types.ts';
import {
  aggregatedContentType,
  aggregatedDiscovery,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  wantsAggregated,
} from './discovery.ts';
import { handleResource } from './resources.ts';
import { sendError, sendJson } from './respond.ts';
import {
  SUBRESOURCES_GROUP,
  SUBRESOURCES_VERSION,
  subresourcesApiGroup,
  subresourcesResourceList,
} from './subresources/discovery.ts';

export interface ApiServerContext {
  registry: Registry;
  objects: ObjectService;
  security: Security;
  /** host:port clients reach the server at (for `/api` serverAddressByClientCIDRs). */
  serverAddress(): string;
  /** Extra non-resource endpoints (OpenAPI), answered before 404. */
  extraRoutes?: (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;
  /** The aggregated `subresources.virtualization.deckhouse.io` API (plain requests). */
  subresources?: {
    handle(
      req: IncomingMessage,
      res: ServerResponse,
      attrs: RequestAttributes,
      user: UserInfo,
    ): Promise<void>;
  };
}

/** The Kubernetes version the sandbox reports; it decides which kubectl the dispatcher runs. */
export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.5',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-11-01T00:00:00Z',
  goVersion: 'go1.23.8',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const PROTOBUF_OPENAPI = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

function discovery(
  ctx: ApiServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  parts: string[],
): boolean {
  const agg = wantsAggregated(req.headers.accept);
  if (parts.length === 1 && parts[0] === 'api') {
    if (agg)
      sendJson(
        res,
        200,
        aggregatedDiscovery(ctx.registry, 'core', agg),
        aggregatedContentType(agg),
      );
    else sendJson(res, 200, apiVersions(ctx.serverAddress()));
    return true;
  }
  if (parts.length === 1 && parts[0] === 'apis') {
    if (agg)
      sendJson(
        res,
        200,
        aggregatedDiscovery(ctx.registry, 'groups', agg),
        aggregatedContentType(agg),
      );
    else sendJson(res, 200, apiGroupList(ctx.registry));
    return true;
  }
  if (parts[0] === 'apis' && parts[1] === SUBRESOURCES_GROUP && parts.length <= 3) {
    if (parts.length === 2) sendJson(res, 200, subresourcesApiGroup());
    else if (parts[2] === SUBRESOURCES_VERSION) sendJson(res, 200, subresourcesResourceList());
    else return false;
    return true;
  }
  const groups = ctx.registry.groups();
  if (parts.length === 2 && parts[0] === 'api' && parts[1] === 'v1') {
    sendJson(res, 200, apiResourceList('', 'v1', groups.get('')?.get('v1') ?? []));
    return true;
  }
  if (parts[0] === 'apis' && (parts.length === 2 || parts.length === 3)) {
    const versions = groups.get(parts[1] ?? '');
    if (!versions) return false;
    if (parts.length === 2) {
      sendJson(res, 200, apiGroup(parts[1] ?? '', [...versions.keys()]));
      return true;
    }
    const list = versions.get(parts[2] ?? '');
    if (!list) return false;
    sendJson(res, 200, apiResourceList(parts[1] ?? '', parts[2] ?? '', list));
    return true;
  }
  return false;
}

async function route(
  ctx: ApiServerContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://sandbox.invalid');
  const user = ctx.security.authenticate(req);
  const path = decodeURIComponent(url.pathname);
  const attrs = requestAttributes(req.method ?? 'GET', path, url.searchParams);
  ctx.security.authorize(user, attrs);

  if (!attrs.isResourceRequest) {
    const parts = path.split('/').filter(Boolean);
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (path === '/version') return sendJson(res, 200, SERVER_VERSION);
      if (
        ['/healthz', '/readyz', '/livez'].includes(path) ||
        /^\/(healthz|readyz|livez)\//.test(path)
      ) {
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('ok');
        return;
      }
      if (path === '/openapi/v2' || path === '/swagger-2.0.0.pb-v1') {
        // An empty protobuf document is a valid empty OpenAPI v2: kubectl then skips client-side
        // validation and leaves it to the server (k8s-clients study, §2.3).
        res.writeHead(200, { 'Content-Type': PROTOBUF_OPENAPI, 'Content-Length': '0' });
        res.end();
        return;
      }
      if (discovery(ctx, req, res, parts)) return;
      if (ctx.extraRoutes?.(req, res, url)) return;
    }
    throw errors.pathNotFound();
  }
  if (attrs.apiGroup === SUBRESOURCES_GROUP && ctx.subresources) {
    await ctx.subresources.handle(req, res, attrs, user);
    return;
  }
  const served = ctx.registry.lookup(attrs.apiGroup, attrs.apiVersion, attrs.resource);
  if (!served) throw errors.pathNotFound();
  await handleResource({
    req,
    res,
    url,
    attrs,
    user,
    served,
    objects: ctx.objects,
    rbac: ctx.security.rbac,
  });
}

/** The request handler of the API server (for `https.createServer`). */
export function createRequestHandler(ctx: ApiServerContext) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const requestId = randomUUID();
    route(ctx, req, res).catch((err: unknown) => {
      // Drain what is left of the body so the connection can be reused.
      req.resume();
      sendError(res, err, requestId);
    });
  };
}
