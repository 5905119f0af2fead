import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/error-text.ts';
import { q } from '../../api/query.ts';
import { useCan } from '../../api/session.tsx';
import { useWatch } from '../../api/watch.ts';
import { paths } from '../../app/paths.ts';
import { useDocumentTitle } from '../../app/title.ts';
import { useT } from '../../i18n/i18n.tsx';
import { toast } from '../../stores/toast.ts';
import { Button } from '../../ui/Button.tsx';
import { parseOpRefs, setCordon } from './actions.ts';
import {
  CpuModels,
  CpuReserved,
  MemoryReserved,
  Readiness,
  Scheduling,
  VmCount,
} from './cells.tsx';
import {
  LivePlacement,
  placementQuery,
  useClassPlacements,
  useNodes,
  usePlacement,
} from './data.tsx';
import { DrainDialog } from './DrainDialog.tsx';
import { EvacuationQueue } from './EvacuationQueue.tsx';
import { nodeInfo } from './model.ts';
import { NodeVms } from './NodeVms.tsx';
import { drainPlan } from './plan.ts';
import './nodes.css';

/**
 * One node: readiness, cordon, what its VMs reserve, the VMs on it, and the seed's maintenance
 * actions "Cordon + Drain" (with the plan first and a live evacuation queue after) and
 * "Uncordon". The open plan (`?drain=plan`) and the queue (`?ops=ns/op,…`) are in the URL.
 */
export function NodePage() {
  const t = useT();
  const { name = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  useDocumentTitle(name, t('nav.nodes'));
  useWatch('nodes');
  const nodeQ = useQuery(q(api.clusterResourceView, { resource: 'nodes', name }));
  const placementRaw = useQuery(placementQuery);
  const placement = usePlacement();
  const { nodes } = useNodes();
  const classes = useClassPlacements();
  const canPatch = useCan('patch', 'nodes');
  const canEvict = useCan('create', 'virtualmachineoperations');
  const [uncordoning, setUncordoning] = useState(false);

  const node = useMemo(() => (nodeQ.data ? nodeInfo(nodeQ.data) : undefined), [nodeQ.data]);
  const items = placementRaw.data?.items;
  const plan = useMemo(
    () => (items ? drainPlan(name, nodes, items, classes) : undefined),
    [name, nodes, items, classes],
  );
  const onNode = placement.data?.vmsByNode.get(name) ?? [];
  const refs = useMemo(() => parseOpRefs(search.get('ops')), [search]);
  const nodeOf = useMemo(() => {
    const byKey = new Map((items ?? []).map((p) => [`${p.namespace}/${p.name}`, p.node]));
    return (ns: string, vm: string) => byKey.get(`${ns}/${vm}`);
  }, [items]);

  if (nodeQ.error) {
    return (
      <section>
        <h1>{name}</h1>
        <p role="alert" className="banner banner-danger">
          {errorText(t, nodeQ.error)}
        </p>
        <Link to={paths.nodes()}>{t('nodes.back')}</Link>
      </section>
    );
  }
  if (!node) {
    return (
      <p role="status" className="loading">
        {t('common.loading')}
      </p>
    );
  }

  const setParams = (next: Record<string, string | null>) =>
    setSearch((prev) => {
      const p = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(next)) {
        if (v === null) p.delete(k);
        else p.set(k, v);
      }
      return p;
    });

  const drainReason = !canPatch.allowed
    ? t(canPatch.reason ?? 'common.forbidden')
    : !canEvict.allowed
      ? t('nodes.noEvictRight')
      : !plan
        ? placementRaw.error
          ? t('nodes.placementError', { message: errorText(t, placementRaw.error) })
          : t('common.loading')
        : node.unschedulable && plan.evictions === 0
          ? onNode.length === 0
            ? t('nodes.alreadyEmpty')
            : t('nodes.nothingToEvict')
          : undefined;
  const uncordonReason = !canPatch.allowed
    ? t(canPatch.reason ?? 'common.forbidden')
    : !node.unschedulable
      ? t('nodes.notCordoned')
      : undefined;

  const uncordon = async () => {
    setUncordoning(true);
    try {
      await setCordon(name, false);
      toast('success', t('nodes.uncordoned', { node: name }));
    } catch (err) {
      toast('error', errorText(t, err));
    } finally {
      setUncordoning(false);
    }
  };

  return (
    <section className="nodes-page" aria-labelledby="node-title">
      <LivePlacement />
      <nav aria-label={t('nodes.breadcrumbs')} className="nodes-crumbs">
        <Link to={paths.nodes()}>{t('nav.nodes')}</Link>
      </nav>
      <header className="nodes-header">
        <h1 id="node-title">{name}</h1>
        <div className="nodes-actions">
          <Button
            variant="primary"
            disabledReason={drainReason}
            onClick={() => setParams({ drain: 'plan' })}
          >
            {t('nodes.cordonDrain')}
          </Button>
          <Button
            disabledReason={uncordonReason}
            loading={uncordoning}
            onClick={() => void uncordon()}
          >
            {t('nodes.uncordon')}
          </Button>
        </div>
      </header>
      <dl className="nodes-facts">
        <div>
          <dt>{t('nodes.readiness')}</dt>
          <dd>
            <Readiness node={node} />
          </dd>
        </div>
        <div>
          <dt>{t('nodes.scheduling')}</dt>
          <dd>
            <Scheduling node={node} />
          </dd>
        </div>
        <div>
          <dt>{t('nodes.vms')}</dt>
          <dd>
            <VmCount name={name} />
          </dd>
        </div>
        <div>
          <dt>{t('nodes.cpuReserved')}</dt>
          <dd>
            <CpuReserved node={node} />
          </dd>
        </div>
        <div>
          <dt>{t('nodes.memoryReserved')}</dt>
          <dd>
            <MemoryReserved node={node} />
          </dd>
        </div>
        <div>
          <dt>{t('nodes.cpuModels')}</dt>
          <dd>
            <CpuModels node={node} max={100} />
          </dd>
        </div>
      </dl>
      {placementRaw.error ? (
        <p role="alert" className="banner banner-warning">
          {t('nodes.placementError', { message: errorText(t, placementRaw.error) })}
        </p>
      ) : null}
      {placement.data && onNode.length === 0 ? (
        <p
          role="status"
          className={`banner ${node.unschedulable ? 'banner-success' : 'banner-info'}`}
        >
          {node.unschedulable ? t('nodes.empty.cordoned') : t('nodes.empty.node')}
        </p>
      ) : null}
      <EvacuationQueue refs={refs} onNode={onNode} nodeOf={nodeOf} />
      {onNode.length > 0 ? <NodeVms vms={onNode} /> : null}
      {plan ? (
        <DrainDialog
          open={search.get('drain') === 'plan'}
          plan={plan}
          cordoned={node.unschedulable}
          onClose={() => setParams({ drain: null })}
          onStarted={(ops) => setParams({ drain: null, ops: ops.length ? ops.join(',') : null })}
        />
      ) : null}
    </section>
  );
}
