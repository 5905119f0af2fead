import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeObject } from '../../apiserver/types.ts';
import { newUploadToken, tokenOf, uploadUrls, type Uploads } from '../../gateway/uploads.ts';
import { refOf, type ResourceRef } from '../runtime/client.ts';
import type { ControllerContext } from '../runtime/context.ts';
import { Controller } from '../runtime/controller.ts';
import { splitKey } from '../runtime/informer.ts';
import { BackgroundTasks } from '../runtime/tasks.ts';
import { removeImageData } from './cleanup.ts';
import { envSeconds } from './errors.ts';
import { runImport, type ImportResult, type PvcPlan } from './importer.ts';
import { applyResult, markLostIfGone } from './outcome.ts';
import { checkSource, REFS, resolveStorageClass } from './sources.ts';
import { dataSourceOf, describe, FINALIZER, statusOf, usesPvc, type ImageKind } from './spec.ts';
import { cond, mergeConditions, writeStatus, type Cond } from './status.ts';
import { receiveUpload } from './upload.ts';
import { imageKeysReferencedBy, sourceIndexOf, sourceKeyOf, usersOf } from './usage.ts';

/**
 * The VirtualImage / ClusterVirtualImage controller: imports the data source in the background
 * (HTTP, registry, another object, or an upload through the gateway), stores the image in DVCR
 * or a PVC, and guards deletion while the image is in use.
 */
export class ImageController extends Controller {
  private readonly ref: ResourceRef;
  private readonly tasks = new BackgroundTasks<ImportResult>((key) => this.enqueue(key));
  /** generation and uid each running task works for (a spec change restarts it). */
  private readonly taskFor = new Map<string, { uid: string; generation: number }>();
  /** When each waiting upload started to wait (in this process). */
  private readonly waitingSince = new Map<string, number>();
  /** Set by stop(): no new tasks (a reconcile in flight must not start one). */
  private stopped = false;

  constructor(
    ctx: ControllerContext,
    private readonly kind: ImageKind,
    private readonly uploads: Uploads,
  ) {
    super(ctx, kind.short === 'vi' ? 'virtualimage' : 'clustervirtualimage');
    this.ref = refOf('virtualization.deckhouse.io', kind.kind);
  }

  setup(): void {
    const own = this.ctx.informers.for(this.ref);
    own.addHandler(this.self());
    own.addIndex('source', (o) => sourceIndexOf(this.kind, o));
    const bySource = (o: KubeObject) => {
      for (const i of own.byIndex('source', sourceKeyOf(o))) this.enqueue(i);
    };
    const byRefs = (o: KubeObject) => {
      for (const k of imageKeysReferencedBy(this.kind, o)) this.enqueue(k);
    };
    const related = (...fns: ((o: KubeObject) => void)[]) => ({
      add: (o: KubeObject) => fns.forEach((f) => f(o)),
      update: (o: KubeObject, old: KubeObject) => fns.forEach((f) => (f(o), f(old))),
      delete: (o: KubeObject) => fns.forEach((f) => f(o)),
    });
    for (const r of [REFS.vi, REFS.cvi, REFS.vd, REFS.vds])
      this.ctx.informers.for(r).addHandler(related(bySource, byRefs));
    for (const r of [REFS.vm, REFS.vmbda]) this.ctx.informers.for(r).addHandler(related(byRefs));
    // Storage classes and module settings decide where PVC-backed images go.
    const all = () => {
      for (const o of own.list()) if (statusOf(o).phase === 'Pending') this.enqueue(o);
    };
    for (const r of [REFS.sc, REFS.mc])
      this.ctx.informers.for(r).addHandler({ add: all, update: all, delete: all });
  }

  /** After a restart no task runs: reconcile restarts or explains each unfinished import. */
  override started(): Promise<void> {
    for (const o of this.ctx.informers.for(this.ref).list()) this.enqueue(o);
    return Promise.resolve();
  }

  override async stop(): Promise<void> {
    this.stopped = true;
    await super.stop();
    await this.tasks.cancelAll();
  }

  async reconcile(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    let obj = await this.ctx.client.get(this.ref, name, namespace);
    if (!obj) {
      await this.tasks.cancel(key);
      this.tasks.takeResult(key);
      return;
    }
    if (obj.metadata.deletionTimestamp) return this.finalize(key, obj);
    obj = await this.ctx.client.addFinalizer(this.ref, obj, FINALIZER);
    const uid = obj.metadata.uid ?? '';
    const gen = obj.metadata.generation ?? 0;
    const running = this.taskFor.get(key);
    if (this.tasks.has(key)) {
      if (running && (running.uid !== uid || running.generation !== gen)) {
        await this.tasks.cancel(key); // spec changed before Ready: start over
      } else return this.syncUsage(obj);
    }
    const result = this.tasks.peekResult(key);
    if (result) {
      this.taskFor.delete(key);
      const stale = running && (running.uid !== uid || running.generation !== gen);
      if (
        !stale &&
        (await applyResult(this.ctx, this.ref, obj, result, usersOf(this.ctx, this.kind, obj)))
      ) {
        this.tasks.takeResult(key);
        if (!result.ok) this.waitingSince.set(key, Date.now());
        return;
      }
      this.tasks.takeResult(key);
    }
    const st = statusOf(obj);
    const settled = st.observedGeneration === gen;
    if (st.phase === 'Ready' || st.phase === 'ImageLost' || st.phase === 'PVCLost')
      return this.checkReady(obj);
    if (st.phase === 'Failed' && settled) return this.syncUsage(obj);
    if (dataSourceOf(obj).type === 'Upload') return this.waitForUpload(key, obj);
    await this.start(key, obj);
  }

  private inUse(obj: KubeObject): { conds: Cond[]; extra: Record<string, unknown> } {
    const u = usersOf(this.ctx, this.kind, obj);
    const c = u.users.length
      ? cond(
          'InUse',
          'True',
          'AttachedToVirtualMachine',
          `The image is used by ${u.users.join(', ')}.`,
        )
      : cond('InUse', 'False', 'NotInUse', '');
    return { conds: [c], extra: this.kind.namespaced ? {} : { usedInNamespaces: u.namespaces } };
  }

  private async syncUsage(obj: KubeObject): Promise<void> {
    const { conds, extra } = this.inUse(obj);
    await writeStatus(this.ctx, this.ref, obj, {
      conditions: mergeConditions(obj, conds),
      ...extra,
    });
  }

  private async checkReady(obj: KubeObject): Promise<void> {
    if (statusOf(obj).phase === 'Ready' && (await markLostIfGone(this.ctx, this.ref, obj))) return;
    await this.syncUsage(obj);
  }

  /** Checks the source (and storage class) and starts the import, or explains why it waits. */
  private async start(key: string, obj: KubeObject): Promise<void> {
    const source = await checkSource(this.ctx, this.kind, obj);
    let pvc: PvcPlan | undefined;
    const scConds: Cond[] = [];
    if (this.kind.namespaced) {
      if (usesPvc(this.kind, obj)) {
        const sc = resolveStorageClass(this.ctx, obj);
        if (!sc.ok) {
          return this.pending(
            obj,
            source.ready
              ? cond('DatasourceReady', 'True', 'DatasourceReady')
              : cond('DatasourceReady', 'False', source.reason, source.message),
            [
              cond('StorageClassReady', 'False', 'StorageClassNotFound', sc.message),
              cond('Ready', 'False', 'StorageClassNotReady', sc.message),
            ],
          );
        }
        pvc = { storageClassName: sc.name, rwx: sc.rwx };
        scConds.push(cond('StorageClassReady', 'True', 'StorageClassReady', ''));
      } else
        scConds.push(
          cond('StorageClassReady', 'False', 'DVCRTypeUsed', 'The image is stored in DVCR.'),
        );
    }
    if (!source.ready) {
      const reason = this.kind.namespaced ? 'DatasourceNotReady' : 'ProvisioningNotStarted';
      return this.pending(obj, cond('DatasourceReady', 'False', source.reason, source.message), [
        ...scConds,
        cond('Ready', 'False', reason, source.message),
      ]);
    }
    if (this.stopped) return;
    const restarting = statusOf(obj).phase === 'Provisioning';
    this.taskFor.set(key, {
      uid: obj.metadata.uid ?? '',
      generation: obj.metadata.generation ?? 0,
    });
    const snapshot = obj;
    this.tasks.start(key, (signal) =>
      runImport(this.ctx, this.kind, this.ref, snapshot, source, pvc, signal),
    );
    const msg = `${restarting ? 'Restarted (the previous attempt was interrupted): importing' : 'Importing'} ${source.what}.`;
    await writeStatus(this.ctx, this.ref, obj, {
      phase: 'Provisioning',
      progress: '0.0%',
      ...(source.sourceUID ? { sourceUID: source.sourceUID } : {}),
      conditions: mergeConditions(obj, [
        cond('DatasourceReady', 'True', 'DatasourceReady'),
        ...scConds,
        cond('Ready', 'False', 'Provisioning', msg),
        ...this.inUse(obj).conds,
      ]),
    });
    await this.ctx.events.record(obj, 'Normal', 'Provisioning', msg);
  }

  private async pending(obj: KubeObject, ds: Cond, rest: Cond[]): Promise<void> {
    await writeStatus(this.ctx, this.ref, obj, {
      phase: 'Pending',
      conditions: mergeConditions(obj, [ds, ...rest, ...this.inUse(obj).conds]),
    });
    // Secrets are not watched: look again in a while.
    if (ds.reason === 'ContainerRegistrySecretNotFound') this.enqueueAfter(obj, 5000);
  }

  /** `WaitForUserUpload`: publish the upload URLs, route them here, enforce the timeout. */
  private async waitForUpload(key: string, obj: KubeObject): Promise<void> {
    const st = statusOf(obj);
    const token = tokenOf(st.imageUploadURLs?.external) ?? newUploadToken();
    this.uploads.set(token, {
      busy: () => this.tasks.has(key),
      receive: (req, res) => this.receive(key, req, res),
    });
    const now = Date.now();
    const since = this.waitingSince.get(key) ?? now;
    this.waitingSince.set(key, since);
    const timeoutMs = envSeconds('SANDBOX_UPLOAD_TIMEOUT_SECONDS', 600) * 1000;
    const urls = uploadUrls(this.ctx.gateway.url, token);
    if (now - since >= timeoutMs) {
      this.uploads.delete(token);
      const msg = `No upload arrived within ${Math.round(timeoutMs / 1000)} s; delete and recreate the image to get a new upload URL.`;
      await writeStatus(this.ctx, this.ref, obj, {
        phase: 'Failed',
        conditions: mergeConditions(obj, [cond('Ready', 'False', 'WaitForUserUploadTimeout', msg)]),
      });
      await this.ctx.events.record(obj, 'Warning', 'WaitForUserUploadTimeout', msg);
      return;
    }
    this.enqueueAfter(key, since + timeoutMs - now + 50);
    const wasReceiving = st.phase === 'Provisioning';
    const prev = st.conditions?.find((c) => c.type === 'Ready');
    const msg = wasReceiving
      ? 'The sandbox restarted while the upload was being received; upload the file again.'
      : prev?.reason === 'WaitForUserUpload' && prev.message
        ? prev.message
        : `Waiting for the upload: ${urls.uploadCommand.replace('example.iso', '<image file>')}`;
    await writeStatus(this.ctx, this.ref, obj, {
      phase: 'WaitForUserUpload',
      ...urls,
      conditions: mergeConditions(obj, [
        cond('DatasourceReady', 'True', 'DatasourceReady'),
        ...(this.kind.namespaced && !usesPvc(this.kind, obj)
          ? [cond('StorageClassReady', 'False', 'DVCRTypeUsed', 'The image is stored in DVCR.')]
          : []),
        cond('Ready', 'False', 'WaitForUserUpload', msg),
        ...this.inUse(obj).conds,
      ]),
    });
  }

  private receive(key: string, req: IncomingMessage, res: ServerResponse): void {
    const obj = this.ctx.informers.for(this.ref).getByKey(key);
    if (!obj || obj.metadata.deletionTimestamp || this.stopped) {
      req.resume();
      res.writeHead(404).end('the image is gone\n');
      return;
    }
    let pvc: PvcPlan | undefined;
    if (usesPvc(this.kind, obj)) {
      const sc = resolveStorageClass(this.ctx, obj);
      if (!sc.ok) {
        req.resume();
        res.writeHead(409).end(`${sc.message}\n`);
        return;
      }
      pvc = { storageClassName: sc.name, rwx: sc.rwx };
    }
    this.taskFor.set(key, {
      uid: obj.metadata.uid ?? '',
      generation: obj.metadata.generation ?? 0,
    });
    this.tasks.start(key, (signal) =>
      receiveUpload(this.ctx, this.kind, this.ref, obj, req, res, pvc, signal),
    );
  }

  /** Deletion: cancel the import, wait until no one uses the image, remove files, drop finalizer. */
  private async finalize(key: string, obj: KubeObject): Promise<void> {
    await this.tasks.cancel(key);
    this.tasks.takeResult(key);
    this.taskFor.delete(key);
    const users = usersOf(this.ctx, this.kind, obj).users;
    if (users.length > 0 && (obj.metadata.finalizers ?? []).includes(FINALIZER)) {
      const msg = `${describe(obj)} is used by ${users.join(', ')}; it is deleted once they release it.`;
      await writeStatus(this.ctx, this.ref, obj, {
        phase: 'Terminating',
        conditions: mergeConditions(obj, [
          cond(
            'InUse',
            'True',
            'AttachedToVirtualMachine',
            `The image is used by ${users.join(', ')}.`,
          ),
          cond('Terminating', 'True', 'CleanupPending', msg),
        ]),
      });
      return;
    }
    const token = tokenOf(statusOf(obj).imageUploadURLs?.external);
    if (token) this.uploads.delete(token);
    this.waitingSince.delete(key);
    await removeImageData(this.ctx, obj);
    await this.ctx.client.removeFinalizer(this.ref, obj, FINALIZER);
  }
}
