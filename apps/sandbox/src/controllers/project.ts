import { deleteObject } from '../apiserver/service/delete.ts';
import type { ObjectService } from '../apiserver/service/objects.ts';
import type { StoreEvent } from '../apiserver/storage/store.ts';
import type { KubeObject } from '../apiserver/types.ts';
import { SYSTEM_USER } from './garbage-collector.ts';
import { nowTimestamp } from '../apiserver/service/objects.ts';
import { WorkQueue } from './queue.ts';

const PROJECTS = 'deckhouse.io/projects';
const NAMESPACES = 'core/namespaces';
export const PROJECT_FINALIZER = 'projects.deckhouse.io/project-exists';
export const PROJECT_LABEL = 'projects.deckhouse.io/project';
export const PROJECT_TEMPLATE_LABEL = 'projects.deckhouse.io/project-template';

/**
 * Deckhouse Projects (multitenancy-manager): a Project creates and keeps a namespace of the same
 * name, labelled with the project; deleting the Project deletes the namespace first.
 */
export class ProjectController {
  private readonly queue: WorkQueue;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly objects: ObjectService) {
    this.queue = new WorkQueue('project-controller', (name) => this.process(name));
  }

  start(): void {
    this.unsubscribe = this.objects.store.subscribeAll((ev) => this.onEvent(ev));
    for (const s of this.objects.store.list(PROJECTS)) this.queue.add(s.obj.metadata.name ?? '');
  }

  stop(): void {
    this.unsubscribe?.();
    this.queue.close();
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  private onEvent(ev: StoreEvent): void {
    if (ev.resource === PROJECTS && ev.type !== 'DELETED')
      this.queue.add(ev.stored.obj.metadata.name ?? '');
    if (ev.resource === NAMESPACES) {
      const project = ev.stored.obj.metadata.labels?.[PROJECT_LABEL];
      if (project) this.queue.add(project);
    }
  }

  private served(storage: string) {
    const s = this.objects.registry.all.find((x) => x.storage === storage && x.identity);
    if (!s) throw new Error(`no endpoint for ${storage}`);
    return s;
  }

  private async process(name: string): Promise<void> {
    const project = this.objects.store.get(PROJECTS, '', name)?.obj;
    if (!project) return;
    const nsServed = this.served(NAMESPACES);
    const projServed = this.served(PROJECTS);
    const ns = this.objects.store.get(NAMESPACES, '', name)?.obj;
    const write = {
      user: SYSTEM_USER,
      fieldManager: 'multitenancy-manager',
      checkVersion: 'ifPresent' as const,
    };

    if (project.metadata.deletionTimestamp) {
      if (ns) {
        if (!ns.metadata.deletionTimestamp)
          await deleteObject(this.objects, nsServed, '', name, {}, SYSTEM_USER);
        return;
      }
      const finalizers = (project.metadata.finalizers ?? []).filter((f) => f !== PROJECT_FINALIZER);
      await this.objects.update(
        projServed,
        '',
        name,
        { ...project, metadata: { ...project.metadata, finalizers } },
        write,
      );
      return;
    }
    if (!(project.metadata.finalizers ?? []).includes(PROJECT_FINALIZER)) {
      const finalizers = [...(project.metadata.finalizers ?? []), PROJECT_FINALIZER];
      await this.objects.update(
        projServed,
        '',
        name,
        { ...project, metadata: { ...project.metadata, finalizers } },
        write,
      );
      return;
    }
    const template =
      (project.spec as { projectTemplateName?: string } | undefined)?.projectTemplateName ??
      'default';
    if (!ns) {
      await this.objects.create(
        nsServed,
        '',
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name, labels: { [PROJECT_LABEL]: name, [PROJECT_TEMPLATE_LABEL]: template } },
        },
        { user: SYSTEM_USER, fieldManager: 'multitenancy-manager' },
      );
      return;
    }
    const status = (project.status ?? {}) as { state?: string };
    if (status.state !== 'Deployed') {
      const next: KubeObject = {
        ...project,
        status: {
          state: 'Deployed',
          namespaces: [{ name, kind: 'Main' }],
          observedGeneration: project.metadata.generation,
          conditions: [
            { type: 'ProjectTemplateFound', status: 'True', lastTransitionTime: nowTimestamp() },
            { type: 'Validated', status: 'True', lastTransitionTime: nowTimestamp() },
          ],
        },
      };
      await this.objects.update(projServed, '', name, next, { ...write, subresource: 'status' });
    }
  }
}
