import type { SizingPolicy } from '@dvp/api';
import { useId, useMemo } from 'react';
import { useI18n } from '../../../i18n/i18n.tsx';
import { Badge } from '../../../ui/Badge.tsx';
import { UsageNotes, VmTable } from '../ClassUsage.tsx';
import type { ClassVms } from '../data.ts';
import { impactOf } from '../impact.ts';

/**
 * "Virtual machines that would not fit": the class's VMs checked against the edited rules as
 * they are typed, before anything is saved (DVP's own sizing check on each VM's current size).
 */
export function ImpactPanel({
  className,
  data,
  before,
  after,
}: {
  className: string;
  data: ClassVms;
  before: readonly SizingPolicy[] | undefined;
  after: readonly SizingPolicy[] | undefined;
}) {
  const { t } = useI18n();
  const id = useId();
  const impact = useMemo(
    () => impactOf(data.vms, before, after, className),
    [data.vms, before, after, className],
  );
  const byUid = new Map(impact.map((i) => [i.vm.uid, i]));
  const ready = !data.pending && !data.error;
  return (
    <section className="cls-impact" aria-labelledby={id}>
      <h3 id={id}>{t('classes.impact.title')}</h3>
      <UsageNotes data={data} />
      {ready ? (
        <p role="status" className={impact.length ? 'banner banner-warning' : 'cls-muted'}>
          {data.vms.length === 0
            ? t('classes.impact.noVms')
            : impact.length === 0
              ? t('classes.impact.allFit', { count: data.vms.length })
              : t('classes.impact.some', { count: impact.length })}
        </p>
      ) : null}
      {ready && impact.length > 0 ? (
        <VmTable
          label={t('classes.impact.table')}
          rows={impact.map((i) => i.vm)}
          lastLabel={t('classes.impact.why')}
          last={(vm) => {
            const i = byUid.get(vm.uid);
            if (!i) return null;
            return (
              <span className="cls-violation">
                <Badge tone={i.already ? 'warning' : 'danger'}>
                  {t(i.already ? 'classes.impact.already' : 'classes.impact.newly')}
                </Badge>{' '}
                {i.message}
              </span>
            );
          }}
        />
      ) : null}
    </section>
  );
}
