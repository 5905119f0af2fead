import type { SizingPolicy, VmPlacement } from '@dvp/api';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { errorText } from '../../api/error-text.ts';
import { toApiError } from '../../api/errors.ts';
import { paths } from '../../app/paths.ts';
import { formatQuantity } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/Badge.tsx';
import type { ClassVms } from './data.ts';
import { fitOf } from './impact.ts';

/** A VM's size in words: "2 cores, 10%, 1 GiB". */
export function useSizeText(): (vm: VmPlacement) => string {
  const { t, locale } = useI18n();
  return (vm) =>
    vm.cores === undefined
      ? '—'
      : t('classes.usage.sizeValue', {
          cores: vm.cores,
          fraction: vm.coreFraction ?? '100%',
          memory: formatQuantity(locale, vm.memory),
        });
}

/** One table of VMs (name, project, size) with a last column the caller fills. */
export function VmTable({
  label,
  rows,
  lastLabel,
  last,
}: {
  label: string;
  rows: readonly VmPlacement[];
  lastLabel: string;
  last: (vm: VmPlacement) => ReactNode;
}) {
  const { t } = useI18n();
  const size = useSizeText();
  return (
    <table className="table cls-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{t('classes.usage.vm')}</th>
          <th scope="col">{t('classes.usage.project')}</th>
          <th scope="col">{t('classes.usage.size')}</th>
          <th scope="col">{lastLabel}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((vm) => (
          <tr key={vm.uid || `${vm.namespace}/${vm.name}`}>
            <td>
              <Link to={paths.vm(vm.namespace, vm.name)}>{vm.name}</Link>
            </td>
            <td>{vm.namespace}</td>
            <td>{size(vm)}</td>
            <td>{last(vm)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The notes above a VM list: loading, refusal, or "only your projects". */
export function UsageNotes({ data }: { data: ClassVms }) {
  const { t } = useI18n();
  if (data.error) {
    const err = toApiError(data.error);
    return (
      <p className="cls-muted" role={err.code === 403 ? undefined : 'alert'}>
        {err.code === 403 ? t('classes.usage.forbidden') : errorText(t, err)}
      </p>
    );
  }
  if (data.pending) return <p role="status">{t('common.loading')}</p>;
  return data.namespaces ? (
    <p className="cls-muted">
      {t('classes.usage.partial', { namespaces: data.namespaces.length })}
    </p>
  ) : null;
}

/** "Virtual machines using this class", each with whether it fits the class's sizing rules. */
export function ClassUsage({
  className,
  policies,
  data,
}: {
  className: string;
  policies: readonly SizingPolicy[] | undefined;
  data: ClassVms;
}) {
  const { t } = useI18n();
  const ready = !data.pending && !data.error;
  return (
    <section className="cls-section" aria-labelledby="cls-usage">
      <h2 id="cls-usage">{t('classes.usage.title')}</h2>
      <UsageNotes data={data} />
      {ready && data.vms.length === 0 ? <p>{t('classes.usage.none')}</p> : null}
      {ready && data.vms.length > 0 ? (
        <>
          <p>{t('classes.usage.count', { count: data.vms.length })}</p>
          <VmTable
            label={t('classes.usage.table', { name: className })}
            rows={data.vms}
            lastLabel={t('classes.usage.policy')}
            last={(vm) => {
              const fit = fitOf(vm, policies, className);
              if (fit.ok === undefined) return '—';
              return fit.ok ? (
                <Badge tone="success">{t('classes.usage.fits')}</Badge>
              ) : (
                <span className="cls-violation">
                  <Badge tone="danger">{t('classes.usage.violates')}</Badge> {fit.message}
                </span>
              );
            }}
          />
        </>
      ) : null}
    </section>
  );
}
