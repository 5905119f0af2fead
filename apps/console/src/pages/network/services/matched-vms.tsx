import { parseLabelSelector, topicKey, type VmRow } from '@dvp/api';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { api } from '../../../api/client.ts';
import { q } from '../../../api/query.ts';
import { useWatch } from '../../../api/watch.ts';
import { paths } from '../../../app/paths.ts';
import { PhaseBadge } from '../../../components/PhaseBadge.tsx';
import { useT } from '../../../i18n/i18n.tsx';

/** How many matching VMs one request brings (the count is the server's total either way). */
const MATCH_LIMIT = 100;

/**
 * The project's VMs a label selector matches now: the server filters (`labelSelector`), the VM
 * stream keeps the answer live, and rows whose labels stopped matching drop out at once.
 */
export function useMatchedVms(namespace: string, selector: string | undefined) {
  useWatch(topicKey({ resource: 'virtualmachines', namespace }));
  const query = useQuery({
    ...q(api.vmList, { namespace }, { labelSelector: selector ?? '', limit: MATCH_LIMIT }),
    enabled: !!selector,
  });
  const matcher = useMemo(() => {
    try {
      return selector ? parseLabelSelector(selector) : undefined;
    } catch {
      return undefined;
    }
  }, [selector]);
  const page = query.data;
  const rows = useMemo(
    () => (page?.items ?? []).filter((r) => !matcher || matcher.matches(r.labels)),
    [page, matcher],
  );
  const total = page ? page.total - ((page.items.length ?? 0) - rows.length) : undefined;
  return { rows, total, pending: !!selector && query.isPending, error: query.error };
}

/** The number of VMs a service's selector matches now (a list cell). */
export function MatchCount({ namespace, selector }: { namespace: string; selector?: string }) {
  const t = useT();
  const { total } = useMatchedVms(namespace, selector);
  if (!selector) return <span className="muted">{t('network.svc.noSelector.short')}</span>;
  return <>{total === undefined ? '…' : t('network.svc.vmCount', { count: total })}</>;
}

/** The VMs a selector matches now, as a live list with phase and address. */
export function MatchedVms({
  namespace,
  selector,
  headingLevel = 3,
}: {
  namespace: string;
  selector: string | undefined;
  headingLevel?: 2 | 3;
}) {
  const t = useT();
  const { rows, total, pending } = useMatchedVms(namespace, selector);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="net-matched" aria-labelledby="net-matched-title">
      <Heading id="net-matched-title">{t('network.svc.matched')}</Heading>
      <p aria-live="polite" className="net-matched-count">
        {!selector
          ? t('network.svc.noSelector')
          : pending || total === undefined
            ? t('common.loading')
            : t('network.svc.matchedNow', { count: total, selector })}
      </p>
      {rows.length ? (
        <ul className="net-matched-list" aria-label={t('network.svc.matched')}>
          {rows.map((vm: VmRow) => (
            <li key={vm.uid}>
              <Link to={paths.vm(vm.namespace, vm.name)}>{vm.name}</Link>
              <PhaseBadge phase={vm.phase} />
              <code>{vm.ipAddress ?? '—'}</code>
            </li>
          ))}
        </ul>
      ) : null}
      {total !== undefined && total > rows.length ? (
        <p className="field-hint">{t('network.svc.matchedMore', { count: total - rows.length })}</p>
      ) : null}
    </section>
  );
}
