import { randomBytes } from 'node:crypto';
import type { KubeObject } from '../../apiserver/types.ts';
import { nowTimestamp } from '../../apiserver/service/objects.ts';
import { refOf, type KubeClient } from './client.ts';

const EVENTS = refOf('', 'Event');

/**
 * Records core/v1 Events about objects, as client-go's recorder: a repeat of the same
 * (object, type, reason, message) bumps `count` and `lastTimestamp` instead of adding an Event.
 * Failures to record are logged, never thrown: events are best effort.
 */
export class EventRecorder {
  private readonly seen = new Map<string, { name: string; namespace: string; count: number }>();
  private closed = false;

  constructor(
    private readonly client: KubeClient,
    private readonly component: string,
  ) {}

  async record(
    obj: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
  ): Promise<void> {
    const namespace = obj.metadata.namespace || 'default';
    const id = `${obj.metadata.uid ?? ''}|${type}|${reason}|${message}`;
    const now = nowTimestamp();
    try {
      const prev = this.seen.get(id);
      if (prev) {
        prev.count += 1;
        await this.client.patch(EVENTS, prev.name, prev.namespace, {
          count: prev.count,
          lastTimestamp: now,
        });
        return;
      }
      const name = `${obj.metadata.name ?? 'object'}.${randomBytes(8).toString('hex')}`;
      await this.client.create(EVENTS, {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace },
        involvedObject: {
          apiVersion: obj.apiVersion,
          kind: obj.kind,
          name: obj.metadata.name,
          namespace: obj.metadata.namespace,
          uid: obj.metadata.uid,
          resourceVersion: obj.metadata.resourceVersion,
        },
        reason,
        message,
        type,
        count: 1,
        firstTimestamp: now,
        lastTimestamp: now,
        source: { component: this.component },
        reportingComponent: this.component,
        reportingInstance: 'dvp-sandbox',
      });
      this.seen.set(id, { name, namespace, count: 1 });
      if (this.seen.size > 10_000) this.seen.delete(this.seen.keys().next().value as string);
    } catch (e) {
      // Events recorded while the sandbox shuts down have nowhere to go: not worth a log line.
      if (this.closed) return;
      console.error(
        `[events] ${reason} for ${obj.kind}/${obj.metadata.name}: ${(e as Error).message}`,
      );
    }
  }

  /** Stops reporting failures (the API server is going away). */
  close(): void {
    this.closed = true;
  }
}
