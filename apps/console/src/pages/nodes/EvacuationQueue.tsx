import type { KubeObject, VmPlacement } from '@dvp/api';
import { useQueries } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import { q } from '../../api/query.ts';
import { paths } from '../../app/paths.ts';
import { PhaseBadge } from '../../components/PhaseBadge.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { progressPercent } from '../vms/detail/MigrationSection.tsx';
import { WatchTopics } from './data.tsx';

interface Op {
  metadata: { name?: string; namespace?: string; uid?: string; deletionTimestamp?: string };
  spec?: { type?: string; virtualMachineName?: string };
  status?: { phase?: string; progress?: string; conditions?: { message?: string }[] };
}

const FINISHED = new Set(['Completed', 'Failed', 'Superseded']);
const MIGRATIONS = new Set(['Evict', 'Migrate']);

export interface QueueRow {
  key: string;
  namespace: string;
  op: Op | undefined;
  name: string;
  vm: string;
}

/**
 * The operations the queue shows: those the drain created (`refs`, from the URL) and any
 * unfinished Evict/Migrate of a VM still on the node (e.g. a drain started elsewhere).
 */
export function queueRows(
  refs: readonly { namespace: string; name: string }[],
  opsByNs: ReadonlyMap<string, readonly KubeObject[]>,
  onNode: readonly VmPlacement[],
): QueueRow[] {
  const rows: QueueRow[] = [];
  const seen = new Set<string>();
  for (const r of refs) {
    const op = opsByNs.get(r.namespace)?.find((o) => o.metadata.name === r.name) as Op | undefined;
    seen.add(`${r.namespace}/${r.name}`);
    rows.push({
      key: `${r.namespace}/${r.name}`,
      namespace: r.namespace,
      name: r.name,
      op,
      vm: op?.spec?.virtualMachineName ?? '',
    });
  }
  for (const vm of onNode) {
    for (const o of (opsByNs.get(vm.namespace) ?? []) as readonly Op[]) {
      const key = `${vm.namespace}/${o.metadata.name ?? ''}`;
      if (seen.has(key) || o.spec?.virtualMachineName !== vm.name) continue;
      if (!MIGRATIONS.has(o.spec.type ?? '') || FINISHED.has(o.status?.phase ?? 'Pending'))
        continue;
      seen.add(key);
      rows.push({ key, namespace: vm.namespace, name: o.metadata.name ?? '', op: o, vm: vm.name });
    }
  }
  return rows;
}

/** The live queue of evacuation operations, with progress and where each VM runs now. */
export function EvacuationQueue({
  refs,
  onNode,
  nodeOf,
}: {
  refs: readonly { namespace: string; name: string }[];
  onNode: readonly VmPlacement[];
  nodeOf: (namespace: string, vm: string) => string | undefined;
}) {
  const t = useT();
  const id = useId();
  const namespaces = useMemo(
    () => [...new Set([...refs.map((r) => r.namespace), ...onNode.map((v) => v.namespace)])].sort(),
    [refs, onNode],
  );
  const results = useQueries({
    queries: namespaces.map((ns) =>
      q(
        api.resourceList,
        { namespace: ns, resource: 'virtualmachineoperations' },
        { sort: 'age', limit: 500 },
      ),
    ),
  });
  const opsByNs = new Map(namespaces.map((ns, i) => [ns, results[i]?.data?.items ?? []]));
  const rows = queueRows(refs, opsByNs, onNode);
  const done = rows.filter((r) => r.op?.status?.phase === 'Completed').length;
  const topics = namespaces.map((ns) => `virtualmachineoperations/${ns}`);
  if (rows.length === 0) return <WatchTopics topics={topics} />;
  return (
    <section className="nodes-section" aria-labelledby={id}>
      <WatchTopics topics={topics} />
      <h2 id={id}>{t('nodes.queue.title')}</h2>
      <p aria-live="polite">{t('nodes.queue.summary', { done, total: rows.length })}</p>
      <div className="nodes-table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t('nodes.queue.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('nodes.plan.vm')}</th>
              <th scope="col">{t('nodes.queue.operation')}</th>
              <th scope="col">{t('common.phase')}</th>
              <th scope="col">{t('nodes.queue.progress')}</th>
              <th scope="col">{t('nodes.queue.nodeNow')}</th>
              <th scope="col">{t('nodes.queue.message')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const phase = r.op?.status?.phase ?? 'Pending';
              const pct = progressPercent(r.op?.status?.progress);
              const message = r.op?.status?.conditions?.[0]?.message;
              return (
                <tr key={r.key}>
                  <th scope="row">
                    {r.vm ? <Link to={paths.vm(r.namespace, r.vm)}>{r.vm}</Link> : '—'}
                    <div className="nodes-sub">{r.namespace}</div>
                  </th>
                  <td>
                    {r.name}
                    {r.op?.spec?.type ? <div className="nodes-sub">{r.op.spec.type}</div> : null}
                  </td>
                  <td>{r.op ? <PhaseBadge phase={phase} /> : t('nodes.queue.notFound')}</td>
                  <td>
                    {pct !== undefined ? (
                      <span className="nodes-progress">
                        <progress
                          max={100}
                          value={pct}
                          aria-label={t('nodes.queue.progressOf', { vm: r.vm || r.name })}
                        />
                        <span>{r.op?.status?.progress}</span>
                      </span>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>{(r.vm && nodeOf(r.namespace, r.vm)) || '—'}</td>
                  <td className="nodes-wrap">{message || ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
