import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { AdmissionContext } from '../../admission/types.ts';
import { errors } from '../errors.ts';
import { updateManagedFields } from '../patch/apply.ts';
import type { Registry, ServedResource } from '../registry.ts';
import type { Store, Stored } from '../storage/store.ts';
import type { KubeObject, ManagedFieldsEntry, UserInfo } from '../types.ts';
import { prepareForCreate } from './strategies.ts';
import { validateObject, type FieldValidation } from './validate.ts';

/** Options every write shares. */
export interface WriteOptions {
  user: UserInfo;
  dryRun?: boolean;
  fieldManager?: string;
  fieldValidation?: FieldValidation;
  subresource?: string;
  /** Set by server-side apply, which computes ownership itself. */
  managedFields?: ManagedFieldsEntry[];
}

export interface WriteResult {
  obj: KubeObject;
  warnings: string[];
  created?: boolean;
}

const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

function randomSuffix(): string {
  let s = '';
  for (let i = 0; i < 5; i++) s += NAME_CHARS[Math.floor(Math.random() * NAME_CHARS.length)];
  return s;
}

/** RFC 3339 with second precision, as Kubernetes writes timestamps. */
export function nowTimestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The parts of an object that `metadata.generation` tracks: everything but metadata and status. */
function specOf(o: KubeObject): Record<string, unknown> {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = o;
  return rest;
}

function withoutVolatile(o: KubeObject): unknown {
  const { resourceVersion: _r, managedFields: _f, ...meta } = o.metadata;
  return { ...o, metadata: meta };
}

/**
 * Create and update with Kubernetes semantics over the store: names and generateName, uid,
 * timestamps, generation, optimistic concurrency, the status subresource split, finalizers, and
 * validation + admission. Objects go in and out in the endpoint's version.
 */
export class ObjectService {
  /**
   * @param checkWrite called with every object about to be stored by a user request (RBAC
   * escalation prevention hooks in here); throws to refuse.
   */
  constructor(
    readonly store: Store,
    readonly registry: Registry,
    readonly admissionContext: AdmissionContext,
    private readonly checkWrite: (user: UserInfo, obj: KubeObject) => void = () => undefined,
  ) {}

  private target(served: ServedResource, name: string) {
    return { group: served.group, resource: served.def.plural, kind: served.def.kind, name };
  }

  /** The stored object or a 404 Status. */
  getStored(served: ServedResource, namespace: string, name: string): Stored {
    const s = this.store.get(served.storage, served.def.namespaced ? namespace : '', name);
    if (!s) throw errors.notFound(this.target(served, name));
    return s;
  }

  /** Refuses writes into a namespace that does not exist or is being deleted. */
  private checkNamespace(served: ServedResource, namespace: string, name: string): void {
    if (!served.def.namespaced) return;
    const ns = this.store.get('core/namespaces', '', namespace);
    if (!ns) throw errors.notFound({ group: '', resource: 'namespaces', name: namespace });
    if (ns.obj.metadata.deletionTimestamp) {
      const resource = served.group ? `${served.def.plural}.${served.group}` : served.def.plural;
      throw errors.forbidden(
        `${resource} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
        this.target(served, name),
      );
    }
  }

  /** Checks apiVersion/kind of a request body against the endpoint. */
  checkTypeMeta(served: ServedResource, body: KubeObject): void {
    if (!body.kind) throw errors.badRequest("Object 'Kind' is missing in request body");
    if (body.kind !== served.def.kind) {
      throw errors.badRequest(
        `the kind in the data (${body.kind}) does not match the expected kind (${served.def.kind})`,
      );
    }
    if (body.apiVersion && body.apiVersion !== served.apiVersion) {
      throw errors.badRequest(
        `the API version in the data (${body.apiVersion}) does not match the expected API version (${served.apiVersion})`,
      );
    }
  }

  async create(
    served: ServedResource,
    namespace: string,
    body: KubeObject,
    opts: WriteOptions,
  ): Promise<WriteResult> {
    this.checkTypeMeta(served, body);
    const meta = { ...body.metadata };
    if (served.def.namespaced) {
      if (meta.namespace && meta.namespace !== namespace) {
        throw errors.badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      }
      meta.namespace = namespace;
    } else {
      delete meta.namespace;
    }
    if (!meta.name && meta.generateName) {
      for (let i = 0; i < 8; i++) {
        const candidate = meta.generateName + randomSuffix();
        if (!this.store.get(served.storage, meta.namespace ?? '', candidate)) {
          meta.name = candidate;
          break;
        }
      }
    }
    const now = nowTimestamp();
    meta.uid = randomUUID();
    meta.creationTimestamp = now;
    meta.generation = 1;
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    const input: KubeObject = { ...body, apiVersion: served.apiVersion, metadata: meta };
    // Status belongs to the status subresource: a create cannot set it.
    if (served.def.subresources.includes('status')) delete input.status;
    prepareForCreate(served.storage, input, this.store);

    const { obj, warnings } = validateObject(served, input, {
      operation: 'CREATE',
      user: opts.user,
      dryRun: !!opts.dryRun,
      fieldValidation: opts.fieldValidation ?? 'Warn',
      ctx: this.admissionContext,
    });
    const name = obj.metadata.name ?? '';
    this.checkNamespace(served, namespace, name);
    this.checkWrite(opts.user, obj);
    if (this.store.get(served.storage, obj.metadata.namespace ?? '', name)) {
      throw errors.alreadyExists(this.target(served, name));
    }
    obj.metadata.managedFields =
      opts.managedFields ??
      updateManagedFields({
        previous: undefined,
        next: obj,
        manager: opts.fieldManager ?? 'unknown',
        apiVersion: served.apiVersion,
        time: now,
      });
    if (opts.dryRun) return { obj: served.fromStorage(obj), warnings, created: true };
    const stored = await this.store.put(served.storage, obj);
    return { obj: served.fromStorage(stored.obj), warnings, created: true };
  }

  /**
   * Replaces an object (PUT, or the result of a patch). `checkVersion` enforces optimistic
   * concurrency: the body's resourceVersion must be the current one.
   */
  async update(
    served: ServedResource,
    namespace: string,
    name: string,
    body: KubeObject,
    opts: WriteOptions & { checkVersion: 'required' | 'ifPresent' },
  ): Promise<WriteResult> {
    this.checkTypeMeta(served, body);
    if (body.metadata.name !== undefined && body.metadata.name !== name) {
      throw errors.badRequest(
        `the name of the object (${body.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    const current = this.getStored(served, namespace, name);
    const old = current.obj;
    const rv = body.metadata.resourceVersion;
    if (rv === undefined || rv === '') {
      if (opts.checkVersion === 'required') {
        throw errors.invalid(this.target(served, name), [
          {
            reason: 'FieldValueInvalid',
            field: 'metadata.resourceVersion',
            message: 'Invalid value: 0x0: must be specified for an update',
          },
        ]);
      }
    } else if (rv !== old.metadata.resourceVersion) {
      throw errors.conflict(
        this.target(served, name),
        'the object has been modified; please apply your changes to the latest version and try again',
      );
    }

    const incoming = served.toStorage({ ...body, apiVersion: served.apiVersion });
    let next: KubeObject;
    const hasStatus = served.def.subresources.includes('status');
    if (opts.subresource === 'status') {
      // Only status changes through the status subresource.
      next = { ...old, status: incoming.status };
      if (incoming.status === undefined) delete next.status;
    } else {
      next = { ...incoming };
      if (hasStatus) {
        if (old.status === undefined) delete next.status;
        else next.status = old.status;
      }
    }
    const meta = { ...next.metadata };
    meta.name = old.metadata.name;
    if (old.metadata.namespace !== undefined) meta.namespace = old.metadata.namespace;
    else delete meta.namespace;
    meta.uid = old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    meta.generation = old.metadata.generation;
    if (old.metadata.deletionTimestamp) {
      meta.deletionTimestamp = old.metadata.deletionTimestamp;
      meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds ?? 0;
      const added = (meta.finalizers ?? []).filter(
        (f) => !(old.metadata.finalizers ?? []).includes(f),
      );
      if (added.length) {
        throw errors.invalid(this.target(served, name), [
          {
            reason: 'FieldValueForbidden',
            field: 'metadata.finalizers',
            message: 'Forbidden: no new finalizers can be added if the object is being deleted',
          },
        ]);
      }
    } else {
      delete meta.deletionTimestamp;
      delete meta.deletionGracePeriodSeconds;
    }
    meta.resourceVersion = old.metadata.resourceVersion;
    if (opts.subresource === 'status') {
      meta.labels = old.metadata.labels;
      meta.annotations = old.metadata.annotations;
      meta.finalizers = old.metadata.finalizers;
      meta.ownerReferences = old.metadata.ownerReferences;
      for (const k of ['labels', 'annotations', 'finalizers', 'ownerReferences'] as const)
        if (meta[k] === undefined) delete meta[k];
    }
    next.metadata = meta;

    const fromVersion = served.fromStorage(next);
    const { obj, warnings } = validateObject(served, fromVersion, {
      operation: 'UPDATE',
      ...(opts.subresource ? { subresource: opts.subresource } : {}),
      oldObject: old,
      user: opts.user,
      dryRun: !!opts.dryRun,
      fieldValidation: opts.fieldValidation ?? 'Warn',
      ctx: this.admissionContext,
    });
    if (!isDeepStrictEqual(specOf(obj), specOf(old))) {
      obj.metadata.generation = (old.metadata.generation ?? 1) + 1;
    }
    this.checkWrite(opts.user, obj);
    if (isDeepStrictEqual(withoutVolatile(obj), withoutVolatile(old))) {
      // A no-op write changes nothing: no new resourceVersion, no event.
      return { obj: served.fromStorage(old), warnings };
    }
    obj.metadata.managedFields =
      opts.managedFields ??
      updateManagedFields({
        previous: old,
        next: obj,
        manager: opts.fieldManager ?? 'unknown',
        apiVersion: served.apiVersion,
        time: nowTimestamp(),
        ...(opts.subresource ? { subresource: opts.subresource } : {}),
      });
    if (opts.dryRun) return { obj: served.fromStorage(obj), warnings };
    if (obj.metadata.deletionTimestamp && !(obj.metadata.finalizers ?? []).length) {
      // The last finalizer is gone: the deletion completes now.
      const removed = await this.store.remove(served.storage, obj.metadata.namespace ?? '', name);
      return { obj: served.fromStorage(removed?.obj ?? obj), warnings };
    }
    const stored = await this.store.put(served.storage, obj);
    return { obj: served.fromStorage(stored.obj), warnings };
  }
}
