import type { KubeObject } from '@dvp/api';
import { Link } from 'react-router';
import { paths } from '../../../app/paths.ts';
import { PhaseBadge } from '../../../components/PhaseBadge.tsx';
import { formatAge } from '../../../i18n/format.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { Section } from '../../vms/detail/parts.tsx';
import { sourceParam } from '../create/model.ts';
import { useProjectObjects } from '../data.ts';

/** Snapshots taken of this disk, each restorable to a new disk. */
export function DiskSnapshots({ disk }: { disk: KubeObject }) {
  const { t, locale } = useI18n();
  const project = disk.metadata.namespace ?? '';
  const name = disk.metadata.name ?? '';
  const all = useProjectObjects(project, 'virtualdisksnapshots');
  const mine = all.items.filter(
    (s) => (s.spec as { virtualDiskName?: string } | undefined)?.virtualDiskName === name,
  );
  return (
    <Section id="disk-snapshots" title={t('disks.snapshots')}>
      {all.pending ? (
        <p role="status">{t('common.loading')}</p>
      ) : mine.length === 0 ? (
        <p className="vm-muted">{t('disks.noSnapshots')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('common.name')}</th>
              <th scope="col">{t('common.phase')}</th>
              <th scope="col">{t('common.age')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('list.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {mine.map((s) => {
              const n = s.metadata.name ?? '';
              const phase = (s.status as { phase?: string } | undefined)?.phase;
              return (
                <tr key={s.metadata.uid ?? n}>
                  <td>
                    <Link to={paths.diskSnapshot(project, n)}>{n}</Link>
                  </td>
                  <td>{phase ? <PhaseBadge phase={phase} /> : '—'}</td>
                  <td>{formatAge(locale, s.metadata.creationTimestamp)}</td>
                  <td>
                    {phase === 'Ready' ? (
                      <Link
                        to={`${paths.disks(project)}?create=1&source=${encodeURIComponent(sourceParam('VirtualDiskSnapshot', n))}`}
                      >
                        {t('snapshots.disk.restore')}
                      </Link>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Section>
  );
}
