import { Agent, request } from 'node:https';
import type { IncomingMessage } from 'node:http';
import {
  findDefinitionByKind,
  isStatus,
  storageVersion,
  apiVersionOf,
  type Status,
} from '@dvp/api';
import type { KubeObject } from '../../apiserver/types.ts';

/** Where a kind is served: what a REST path needs. */
export interface ResourceRef {
  group: string;
  version: string;
  plural: string;
  namespaced: boolean;
  kind: string;
}

/** The served ref of a kind (its storage version), from the shared resource table. */
export function refOf(group: string, kind: string): ResourceRef {
  const def = findDefinitionByKind(group, kind);
  if (!def) throw new Error(`unknown kind ${group}/${kind}`);
  return {
    group,
    version: storageVersion(def),
    plural: def.plural,
    namespaced: def.namespaced,
    kind,
  };
}

/** A Kubernetes error answer, carrying its `Status`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(readonly status: Status) {
    super(status.message ?? status.reason ?? `HTTP ${status.code ?? '?'}`);
  }
  get code(): number {
    return this.status.code ?? 0;
  }
  get reason(): string {
    return this.status.reason ?? '';
  }
}

function failure(code: number, message: string): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code, message };
}

/** Reads a JSON answer; a non-2xx one throws {@link ApiError} with its Status. */
async function readJson<T>(res: IncomingMessage): Promise<T> {
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  const code = res.statusCode ?? 0;
  if (code < 200 || code >= 300)
    throw new ApiError(isStatus(parsed) ? parsed : failure(code, text || `HTTP ${code}`));
  return parsed as T;
}

export const isNotFound = (e: unknown): boolean => e instanceof ApiError && e.code === 404;
export const isConflict = (e: unknown): boolean => e instanceof ApiError && e.code === 409;
export const isAlreadyExists = (e: unknown): boolean =>
  e instanceof ApiError && e.code === 409 && e.reason === 'AlreadyExists';

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubeObject;
}

export type PatchType = 'merge' | 'json' | 'apply';

const PATCH_CONTENT_TYPE: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  apply: 'application/apply-patch+yaml',
};

export interface ClientOptions {
  /** `https://host:port` of the API server. */
  server: string;
  caCert: string;
  token: string;
  userAgent?: string;
  /** fieldManager for writes. */
  fieldManager?: string;
}

/**
 * A small Kubernetes REST client for the sandbox's controllers: they reach the API server over
 * HTTPS with their own credentials, like any controller would, and see its real semantics
 * (admission, conflicts, RBAC, watch). Errors are thrown as {@link ApiError} with the `Status`.
 */
export class KubeClient {
  private readonly agent: Agent;
  /** Watches (minutes-long) have their own agent: informers never take reconciles' sockets. */
  private readonly watchAgent: Agent;
  private readonly url: URL;

  constructor(readonly options: ClientOptions) {
    this.url = new URL(options.server);
    this.agent = new Agent({ keepAlive: true, ca: options.caCert, maxSockets: 32 });
    this.watchAgent = new Agent({ keepAlive: false, ca: options.caCert });
  }

  path(ref: ResourceRef, namespace?: string, name?: string, subresource?: string): string {
    const base = ref.group ? `/apis/${ref.group}/${ref.version}` : `/api/${ref.version}`;
    const ns = ref.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
    const n = name !== undefined ? `/${encodeURIComponent(name)}` : '';
    const s = subresource ? `/${subresource}` : '';
    return `${base}${ns}/${ref.plural}${n}${s}`;
  }

  private send(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
    agent: Agent = this.agent,
  ): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const req = request(
        {
          host: this.url.hostname,
          port: this.url.port,
          method,
          path,
          agent,
          headers: {
            Authorization: `Bearer ${this.options.token}`,
            Accept: 'application/json',
            'User-Agent': this.options.userAgent ?? 'dvp-sandbox-controller',
            ...(payload
              ? { 'Content-Type': contentType, 'Content-Length': String(payload.length) }
              : {}),
          },
        },
        resolve,
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Sends a request and parses the JSON answer; non-2xx answers throw {@link ApiError}. */
  async requestJson<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    contentType?: string,
  ): Promise<T> {
    return readJson<T>(await this.send(method, path, body, contentType));
  }

  private query(params: Record<string, string | undefined>): string {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, v);
    const s = q.toString();
    return s ? `?${s}` : '';
  }

  async get<T extends KubeObject = KubeObject>(
    ref: ResourceRef,
    name: string,
    namespace?: string,
  ): Promise<T | undefined> {
    try {
      return await this.requestJson<T>('GET', this.path(ref, namespace, name));
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  async list<T extends KubeObject = KubeObject>(
    ref: ResourceRef,
    opts: ListOptions = {},
  ): Promise<{ items: T[]; resourceVersion: string }> {
    const out = await this.requestJson<{ items: T[]; metadata: { resourceVersion: string } }>(
      'GET',
      this.path(ref, opts.namespace) +
        this.query({ labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector }),
    );
    const apiVersion = apiVersionOf(ref.group, ref.version);
    // Lists carry items without apiVersion/kind; fill them in as client-go's decoder does.
    const items = out.items.map((i) => ({ ...i, apiVersion, kind: ref.kind }));
    return { items, resourceVersion: out.metadata.resourceVersion };
  }

  /**
   * Watches from `resourceVersion`; calls `onEvent` per event and resolves when the server ends
   * the stream or `signal` aborts. A 410 arrives as an `ERROR` event (relist then).
   */
  async watch(
    ref: ResourceRef,
    opts: ListOptions & { resourceVersion: string; timeoutSeconds?: number },
    onEvent: (e: WatchEvent) => void,
    signal: AbortSignal,
  ): Promise<void> {
    const path =
      this.path(ref, opts.namespace) +
      this.query({
        watch: '1',
        allowWatchBookmarks: 'true',
        resourceVersion: opts.resourceVersion,
        labelSelector: opts.labelSelector,
        fieldSelector: opts.fieldSelector,
        timeoutSeconds: String(opts.timeoutSeconds ?? 300),
      });
    const res = await this.send('GET', path, undefined, undefined, this.watchAgent);
    if ((res.statusCode ?? 0) !== 200) await readJson(res); // throws the refusal's Status
    const onAbort = () => res.destroy();
    signal.addEventListener('abort', onAbort, { once: true });
    let buf = '';
    try {
      for await (const chunk of res) {
        buf += (chunk as Buffer).toString('utf8');
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (line) onEvent(JSON.parse(line) as WatchEvent);
        }
      }
    } catch (e) {
      if (!signal.aborted) throw e;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  create<T extends KubeObject>(ref: ResourceRef, obj: T, namespace?: string): Promise<T> {
    return this.requestJson<T>(
      'POST',
      this.path(ref, namespace ?? obj.metadata.namespace) +
        this.query({ fieldManager: this.options.fieldManager }),
      obj,
    );
  }

  /** PUT with the object's resourceVersion (409 when stale). */
  update<T extends KubeObject>(ref: ResourceRef, obj: T, subresource?: string): Promise<T> {
    return this.requestJson<T>(
      'PUT',
      this.path(ref, obj.metadata.namespace, obj.metadata.name, subresource) +
        this.query({ fieldManager: this.options.fieldManager }),
      obj,
    );
  }

  patch<T extends KubeObject = KubeObject>(
    ref: ResourceRef,
    name: string,
    namespace: string | undefined,
    patch: unknown,
    opts: { type?: PatchType; subresource?: string; force?: boolean } = {},
  ): Promise<T> {
    const type = opts.type ?? 'merge';
    return this.requestJson<T>(
      'PATCH',
      this.path(ref, namespace, name, opts.subresource) +
        this.query({
          fieldManager: this.options.fieldManager ?? 'dvp-sandbox-controller',
          force: opts.force ? 'true' : undefined,
        }),
      patch,
      PATCH_CONTENT_TYPE[type],
    );
  }

  /** Merge-patches `status` through the status subresource (the controller owns status). */
  patchStatus<T extends KubeObject = KubeObject>(
    ref: ResourceRef,
    obj: KubeObject,
    status: Record<string, unknown>,
  ): Promise<T> {
    return this.patch<T>(
      ref,
      obj.metadata.name ?? '',
      obj.metadata.namespace,
      { status },
      { subresource: 'status' },
    );
  }

  /**
   * Adds `finalizer` unless present (a merge patch with the object's resourceVersion, so a
   * stale object is a 409 and the reconcile retries). Returns the object as it now is.
   */
  async addFinalizer<T extends KubeObject>(
    ref: ResourceRef,
    obj: T,
    finalizer: string,
  ): Promise<T> {
    const list = obj.metadata.finalizers ?? [];
    if (list.includes(finalizer)) return obj;
    return this.patch<T>(ref, obj.metadata.name ?? '', obj.metadata.namespace, {
      metadata: { finalizers: [...list, finalizer], resourceVersion: obj.metadata.resourceVersion },
    });
  }

  /** Removes `finalizer` if present (with the object's resourceVersion, as addFinalizer). */
  async removeFinalizer(ref: ResourceRef, obj: KubeObject, finalizer: string): Promise<void> {
    const list = obj.metadata.finalizers ?? [];
    if (!list.includes(finalizer)) return;
    await this.patch(ref, obj.metadata.name ?? '', obj.metadata.namespace, {
      metadata: {
        finalizers: list.filter((f) => f !== finalizer),
        resourceVersion: obj.metadata.resourceVersion,
      },
    });
  }

  /** Deletes; a missing object is not an error (resolves undefined). */
  async delete(
    ref: ResourceRef,
    name: string,
    namespace?: string,
    opts: { propagationPolicy?: 'Background' | 'Foreground' | 'Orphan'; uid?: string } = {},
  ): Promise<KubeObject | undefined> {
    const body: Record<string, unknown> = { kind: 'DeleteOptions', apiVersion: 'v1' };
    if (opts.propagationPolicy) body.propagationPolicy = opts.propagationPolicy;
    if (opts.uid) body.preconditions = { uid: opts.uid };
    try {
      return await this.requestJson<KubeObject>('DELETE', this.path(ref, namespace, name), body);
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  close(): void {
    this.agent.destroy();
    this.watchAgent.destroy();
  }
}
