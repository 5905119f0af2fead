import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestAttributes } from '../../auth/attributes.ts';
import type { RbacSource } from '../../auth/rbac.ts';
import { answerReview } from '../../auth/reviews.ts';
import { errors } from '../errors.ts';
import type { ServedResource } from '../registry.ts';
import { deleteObject, type DeleteOptions, type PropagationPolicy } from '../service/delete.ts';
import type { ObjectService, WriteOptions } from '../service/objects.ts';
import { patchObject } from '../service/patch.ts';
import type { FieldValidation } from '../service/validate.ts';
import { buildTable, negotiate, parseIncludeObject, type IncludeObject } from '../table.ts';
import type { KubeObject, UserInfo } from '../types.ts';
import { decodeObject, decodeOptional, readBody } from './body.ts';
import { handleEviction } from './eviction.ts';
import { listJson, listObjects } from './list.ts';
import { sendJson } from './respond.ts';
import { serveWatch } from './watch.ts';

export interface ResourceRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  attrs: RequestAttributes;
  user: UserInfo;
  served: ServedResource;
  objects: ObjectService;
  rbac: RbacSource;
}

const TABLE_CONTENT_TYPE = (v: string) => `application/json;as=Table;v=${v};g=meta.k8s.io`;

function includeObjectOf(q: URLSearchParams): IncludeObject {
  return parseIncludeObject(q.get('includeObject'));
}

function fieldValidationOf(q: URLSearchParams): FieldValidation {
  const v = q.get('fieldValidation');
  if (v === null || v === '') return 'Warn';
  if (v === 'Strict' || v === 'Warn' || v === 'Ignore') return v;
  throw errors.badRequest(`fieldValidation must be one of "Ignore", "Warn", or "Strict", got ${v}`);
}

function dryRunOf(q: URLSearchParams): boolean {
  const values = q.getAll('dryRun');
  for (const v of values) {
    if (v !== 'All') throw errors.badRequest(`unsupported dry run value: ${v}`);
  }
  return values.length > 0;
}

/** kube's default field manager: the User-Agent's product name (`kubectl/v1.32…` → `kubectl`). */
function fieldManagerOf(req: IncomingMessage, q: URLSearchParams): string {
  const explicit = q.get('fieldManager');
  if (explicit) {
    if (explicit.length > 128)
      throw errors.badRequest('fieldManager must be at most 128 characters');
    return explicit;
  }
  const ua = req.headers['user-agent'] ?? 'unknown';
  return ua.split('/')[0]?.slice(0, 128) || 'unknown';
}

function writeOptions(r: ResourceRequest): WriteOptions {
  const q = r.url.searchParams;
  return {
    user: r.user,
    dryRun: dryRunOf(q),
    fieldManager: fieldManagerOf(r.req, q),
    fieldValidation: fieldValidationOf(q),
    ...(r.attrs.subresource ? { subresource: r.attrs.subresource } : {}),
  };
}

function deleteOptionsOf(
  q: URLSearchParams,
  body: Record<string, unknown> | undefined,
): DeleteOptions {
  const o: DeleteOptions = {};
  const policy = (body?.propagationPolicy ?? q.get('propagationPolicy')) as
    string | null | undefined;
  if (policy) {
    if (!['Orphan', 'Background', 'Foreground'].includes(policy)) {
      throw errors.badRequest(`propagationPolicy: Unsupported value: "${policy}"`);
    }
    o.propagationPolicy = policy as PropagationPolicy;
  }
  if (body?.orphanDependents === true || q.get('orphanDependents') === 'true')
    o.orphanDependents = true;
  const grace = body?.gracePeriodSeconds ?? q.get('gracePeriodSeconds');
  if (grace !== undefined && grace !== null) o.gracePeriodSeconds = Number(grace);
  const pre = body?.preconditions as DeleteOptions['preconditions'] | undefined;
  if (pre) o.preconditions = pre;
  const dry = (body?.dryRun as string[] | undefined) ?? q.getAll('dryRun');
  if (dry.length) o.dryRun = true;
  return o;
}

/** Renders one object as the client asked: a Table or JSON. */
function sendObject(
  r: ResourceRequest,
  code: number,
  obj: KubeObject,
  warnings: string[] = [],
): void {
  const t = negotiate(r.req.headers.accept);
  if (t.table && r.req.method === 'GET') {
    const table = buildTable(r.served.def, [obj], {
      includeObject: includeObjectOf(r.url.searchParams),
      now: new Date(),
      version: t.version,
    });
    sendJson(r.res, code, table, TABLE_CONTENT_TYPE(t.version), warnings);
    return;
  }
  sendJson(r.res, code, obj, 'application/json', warnings);
}

/** Dispatches a resource request to its verb. Authorization has already happened. */
export async function handleResource(r: ResourceRequest): Promise<void> {
  const { attrs, served, objects, url } = r;
  const q = url.searchParams;
  const ns = served.def.namespaced ? attrs.namespace : '';
  if (!served.def.namespaced && attrs.namespace && served.storage !== 'core/namespaces') {
    throw errors.pathNotFound();
  }
  if (attrs.subresource && !(served.def.subresources as string[]).includes(attrs.subresource)) {
    if (!(served.storage === 'core/namespaces' && attrs.subresource === 'finalize')) {
      throw errors.pathNotFound();
    }
  }
  const name = attrs.name;
  if (served.storage === 'core/pods' && attrs.subresource === 'eviction') {
    await handleEviction(r);
    return;
  }
  if (served.def.virtual) {
    // Reviews are answered, never stored.
    if (attrs.verb !== 'create')
      throw errors.methodNotAllowed(
        `the server does not allow this method on the requested resource`,
      );
    const body = decodeObject(await readBody(r.req), r.req.headers['content-type']);
    objects.checkTypeMeta(served, body);
    const answer = answerReview(served.group, served.def.plural, {
      user: r.user,
      namespace: attrs.namespace,
      body,
      rbac: r.rbac,
    });
    if (!answer) throw errors.pathNotFound();
    sendJson(r.res, 201, answer);
    return;
  }
  switch (attrs.verb) {
    case 'get': {
      sendObject(r, 200, served.fromStorage(objects.getStored(served, ns, name).obj));
      return;
    }
    case 'list': {
      const page = listObjects(
        objects.store,
        served,
        served.def.namespaced ? attrs.namespace || undefined : undefined,
        q,
      );
      const t = negotiate(r.req.headers.accept);
      if (t.table) {
        const table = buildTable(
          served.def,
          page.items.map((s) => served.fromStorage(s.obj)),
          {
            includeObject: includeObjectOf(q),
            now: new Date(),
            version: t.version,
            listMeta: {
              resourceVersion: page.resourceVersion,
              ...(page.continue ? { continue: page.continue } : {}),
              ...(page.remainingItemCount !== undefined
                ? { remainingItemCount: page.remainingItemCount }
                : {}),
            },
          },
        );
        sendJson(r.res, 200, table, TABLE_CONTENT_TYPE(t.version));
      } else {
        sendJson(r.res, 200, listJson(served, page));
      }
      return;
    }
    case 'watch': {
      if (name)
        q.set(
          'fieldSelector',
          [q.get('fieldSelector'), `metadata.name=${name}`].filter(Boolean).join(','),
        );
      const t = negotiate(r.req.headers.accept);
      const includeObject = includeObjectOf(q);
      serveWatch(
        r.req,
        r.res,
        objects.store,
        served,
        served.def.namespaced ? attrs.namespace || undefined : undefined,
        q,
        {
          contentType: t.table ? TABLE_CONTENT_TYPE(t.version) : 'application/json',
          ...(t.table
            ? {
                render: (obj: KubeObject, first: boolean) =>
                  buildTable(served.def, [obj], {
                    includeObject,
                    now: new Date(),
                    omitHeaders: !first,
                    version: t.version,
                  }),
              }
            : {}),
        },
      );
      return;
    }
    case 'create': {
      if (served.def.namespaced && !attrs.namespace) throw errors.pathNotFound();
      const body = decodeObject(await readBody(r.req), r.req.headers['content-type']);
      const result = await objects.create(served, ns, body, writeOptions(r));
      sendJson(r.res, 201, result.obj, 'application/json', result.warnings);
      return;
    }
    case 'update': {
      const body = decodeObject(await readBody(r.req), r.req.headers['content-type']);
      const result = await objects.update(served, ns, name, body, {
        ...writeOptions(r),
        checkVersion: 'required',
      });
      sendJson(r.res, 200, result.obj, 'application/json', result.warnings);
      return;
    }
    case 'patch': {
      const body = await readBody(r.req);
      const result = await patchObject(
        objects,
        served,
        ns,
        name,
        r.req.headers['content-type'] ?? '',
        body,
        {
          ...writeOptions(r),
          force: q.get('force') === 'true',
        },
      );
      sendJson(r.res, result.created ? 201 : 200, result.obj, 'application/json', result.warnings);
      return;
    }
    case 'delete': {
      const opts = deleteOptionsOf(q, decodeOptional(await readBody(r.req)));
      const { obj } = await deleteObject(objects, served, ns, name, opts, r.user);
      sendJson(r.res, 200, obj);
      return;
    }
    case 'deletecollection': {
      const opts = deleteOptionsOf(q, decodeOptional(await readBody(r.req)));
      const page = listObjects(
        objects.store,
        served,
        served.def.namespaced ? attrs.namespace || undefined : undefined,
        q,
      );
      const deleted: KubeObject[] = [];
      for (const s of page.items) {
        const { obj } = await deleteObject(
          objects,
          served,
          s.obj.metadata.namespace ?? '',
          s.obj.metadata.name ?? '',
          opts,
          r.user,
        );
        deleted.push(obj);
      }
      sendJson(r.res, 200, {
        apiVersion: served.apiVersion,
        kind: served.def.listKind,
        metadata: { resourceVersion: String(objects.store.currentRv) },
        items: deleted,
      });
      return;
    }
    default:
      throw errors.methodNotAllowed(
        `the server does not allow this method on the requested resource`,
      );
  }
}
