import type { KubeObject } from '@dvp/api';
import { PhaseBadge } from '../../components/PhaseBadge.tsx';
import { formatBytes } from '../../i18n/format.ts';
import { useI18n, useT } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/Badge.tsx';
import { usePlacement } from './data.tsx';
import { NOTHING_RESERVED, nodeInfo, percentOf, type NodeInfo } from './model.ts';

/**
 * Node facts as small components: table cells stay functions of the row, while the VM numbers
 * come from the shared placement list (one index per change, read by every visible cell).
 */

export function Readiness({ node }: { node: NodeInfo }) {
  const t = useT();
  if (node.ready === null) return <Badge>{t('common.unknown')}</Badge>;
  return <PhaseBadge phase={node.ready ? 'Ready' : 'NotReady'} />;
}

export function Scheduling({ node }: { node: NodeInfo }) {
  const t = useT();
  return node.unschedulable ? (
    <Badge tone="warning">{t('nodes.cordoned')}</Badge>
  ) : (
    <Badge tone="success">{t('nodes.schedulable')}</Badge>
  );
}

function useReserved(name: string) {
  const p = usePlacement();
  return { reserved: p.data?.byNode.get(name) ?? NOTHING_RESERVED, known: !!p.data };
}

export function VmCount({ name }: { name: string }) {
  const { reserved, known } = useReserved(name);
  return <>{known ? reserved.vms : '—'}</>;
}

function Share({ text, percent }: { text: string; percent: number | null }) {
  return (
    <span className="nodes-share">
      <span>{text}</span>
      {percent !== null ? (
        // The number is in the text; the bar only repeats it for the eye.
        <span className="nodes-bar" aria-hidden="true">
          <span
            className={percent > 100 ? 'nodes-bar-over' : ''}
            style={{ width: `${Math.min(100, percent)}%` }}
          />
        </span>
      ) : null}
    </span>
  );
}

export function CpuReserved({ node }: { node: NodeInfo }) {
  const t = useT();
  const { reserved, known } = useReserved(node.name);
  if (!known) return <>—</>;
  const used = reserved.cpuMilli / 1000;
  const percent = percentOf(reserved.cpuMilli, node.cpuMilli);
  const text =
    node.cpuMilli === null
      ? t('nodes.cores', { count: used })
      : t('nodes.coresOf', { used, total: node.cpuMilli / 1000, percent: percent ?? 0 });
  return <Share text={text} percent={percent} />;
}

export function MemoryReserved({ node }: { node: NodeInfo }) {
  const { t, locale } = useI18n();
  const { reserved, known } = useReserved(node.name);
  if (!known) return <>—</>;
  const percent = percentOf(reserved.memoryBytes, node.memoryBytes);
  const used = formatBytes(locale, reserved.memoryBytes);
  const text =
    node.memoryBytes === null
      ? used
      : t('nodes.memoryOf', {
          used,
          total: formatBytes(locale, node.memoryBytes),
          percent: percent ?? 0,
        });
  return <Share text={text} percent={percent} />;
}

/** CPU models the node advertises (the first few; all of them in the title). */
export function CpuModels({ node, max = 3 }: { node: NodeInfo; max?: number }) {
  const t = useT();
  if (node.cpuModels.length === 0) return <>—</>;
  const shown = node.cpuModels.slice(0, max);
  const rest = node.cpuModels.length - shown.length;
  return (
    <span className="nodes-models" title={node.cpuModels.join(', ')}>
      {shown.join(', ')}
      {rest > 0 ? ` ${t('nodes.moreModels', { count: rest })}` : ''}
    </span>
  );
}

// A row's NodeInfo, computed once per object (rows are replaced on change).
const infoMemo = new WeakMap<KubeObject, NodeInfo>();
export function infoOf(o: KubeObject): NodeInfo {
  let i = infoMemo.get(o);
  if (!i) {
    i = nodeInfo(o);
    infoMemo.set(o, i);
  }
  return i;
}
