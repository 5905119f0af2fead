import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { requestAttributes, type RequestAttributes } from '../../../auth/attributes.ts';
import { errors, StatusError } from '../../errors.ts';
import type { Security } from '../../security.ts';
import type { UserInfo } from '../../types.ts';
import { readBody } from '../body.ts';
import { sendJson } from '../respond.ts';
import { VmActions } from './actions.ts';
import { SUBRESOURCES_GROUP, SUBRESOURCES_VERSION } from './discovery.ts';
import { parsePortForwardOptions, PortForwards } from './portforward.ts';
import type { StreamKind } from './sessions.ts';
import { GuestStreams } from './streams.ts';
import { getVm, locateGuest, requireRunningOrMigrating, type SubresourceDeps } from './vm.ts';

export type { SubresourceDeps } from './vm.ts';

const STREAMS = new Set(['console', 'vnc']);
const UPGRADES = new Set([...STREAMS, 'portforward']);
const ACTIONS = new Set(['addvolume', 'removevolume', 'freeze', 'unfreeze', 'cancelevacuation']);

/** Writes a kube Status as the HTTP answer of a refused upgrade and closes the socket. */
function refuseUpgrade(socket: Duplex, err: unknown): void {
  const status =
    err instanceof StatusError
      ? err.status
      : errors.internal(`Internal error occurred: ${(err as Error).message}`).status;
  if (!(err instanceof StatusError)) console.error('[subresources] upgrade failed:', err);
  const body = JSON.stringify(status);
  socket.end(
    `HTTP/1.1 ${status.code} ${STATUS_CODES[status.code] ?? ''}\r\n` +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}

/**
 * The aggregated `subresources.virtualization.deckhouse.io/v1alpha2` API (DVP's
 * virtualization-api, dvp-api.md §14): the `virtualmachines` stub, `console`/`vnc` websockets
 * with `probe=true`, `portforward` websockets, and the PUT actions. Requests reach it
 * authenticated and authorized by the API server like any other (GET → get, POST → create,
 * PUT → update on `virtualmachines/<sub>`).
 */
export class SubresourceApi {
  private deps: SubresourceDeps | undefined;
  private readonly streams = new GuestStreams(() => this.need());
  private readonly actions = new VmActions(() => this.need());
  private readonly portForwards = new PortForwards();

  constructor(private readonly security: Security) {}

  /** Connects the API to the sandbox's nodes and client (they exist after the server starts). */
  bind(deps: SubresourceDeps): void {
    this.deps = deps;
  }

  private need(): SubresourceDeps {
    if (!this.deps) throw errors.serviceUnavailable('the virtualization API is starting');
    return this.deps;
  }

  private target(attrs: RequestAttributes): { namespace: string; name: string } {
    if (attrs.apiVersion !== SUBRESOURCES_VERSION || attrs.resource !== 'virtualmachines')
      throw errors.pathNotFound();
    if (!attrs.namespace) throw errors.pathNotFound();
    if (!attrs.name) {
      throw errors.methodNotAllowed(
        'the server does not allow this method on the requested resource',
      );
    }
    return { namespace: attrs.namespace, name: attrs.name };
  }

  /** Plain (non-upgrade) requests: the stub object, `probe=true`, and the PUT actions. */
  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    attrs: RequestAttributes,
    _user: UserInfo,
  ): Promise<void> {
    const { namespace, name } = this.target(attrs);
    const url = new URL(req.url ?? '/', 'https://sandbox.invalid');
    const sub = attrs.subresource;
    const method = req.method ?? 'GET';
    const deps = this.need();
    if (!sub) {
      if (method !== 'GET')
        throw errors.methodNotAllowed(`${method} is not supported on virtualmachines`);
      await getVm(deps, namespace, name);
      return sendJson(res, 200, {
        kind: 'VirtualMachine',
        apiVersion: `${SUBRESOURCES_GROUP}/${SUBRESOURCES_VERSION}`,
        metadata: { name, namespace },
      });
    }
    if (STREAMS.has(sub)) {
      if (method === 'GET' && url.searchParams.get('probe') === 'true') {
        const vm = await getVm(deps, namespace, name);
        return sendJson(res, 200, this.streams.holder(sub as StreamKind, vm) ?? {});
      }
      throw errors.badRequest('Upgrade request required');
    }
    if (sub === 'portforward') {
      parsePortForwardOptions(url.searchParams);
      throw errors.badRequest('Upgrade request required');
    }
    if (ACTIONS.has(sub)) {
      if (method !== 'PUT') throw errors.methodNotAllowed(`${sub} accepts PUT only`);
      const raw = await readBody(req);
      let body: unknown;
      try {
        body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
      } catch {
        throw errors.badRequest(`the body of ${sub} is not JSON`);
      }
      const vm = await getVm(deps, namespace, name);
      await this.actions.run(sub, vm, url.searchParams, body);
      res.writeHead(202, { 'Content-Length': '0' });
      res.end();
      return;
    }
    throw errors.pathNotFound();
  }

  /** The https server's `upgrade` event: authenticate, authorize, then open the stream. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => undefined);
    void this.openStream(req, socket, head).catch((e: unknown) => refuseUpgrade(socket, e));
  }

  private async openStream(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const user = this.security.authenticate(req);
    const url = new URL(req.url ?? '/', 'https://sandbox.invalid');
    let path = url.pathname;
    try {
      path = decodeURIComponent(path);
    } catch {
      // kept raw: matches nothing
    }
    const attrs = requestAttributes(req.method ?? 'GET', path, url.searchParams);
    this.security.authorize(user, attrs);
    if (attrs.apiGroup !== SUBRESOURCES_GROUP || !UPGRADES.has(attrs.subresource)) {
      throw errors.badRequest(
        `websocket upgrades are served for console, vnc and portforward only, not ${path}`,
      );
    }
    const { namespace, name } = this.target(attrs);
    const forward =
      attrs.subresource === 'portforward' ? parsePortForwardOptions(url.searchParams) : undefined;
    const deps = this.need();
    const vm = await getVm(deps, namespace, name);
    requireRunningOrMigrating(vm);
    const { guest } = locateGuest(deps, vm);
    if (forward) return this.portForwards.open(req, socket, head, guest, forward);
    this.streams.open(attrs.subresource as StreamKind, req, socket, head, vm, guest, user);
  }

  /** Closes every open stream and timer. */
  close(): void {
    this.streams.close();
    this.actions.close();
    this.portForwards.close();
  }
}
