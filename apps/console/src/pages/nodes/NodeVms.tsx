import type { VmPlacement } from '@dvp/api';
import { useId } from 'react';
import { Link } from 'react-router';
import { paths } from '../../app/paths.ts';
import { PhaseBadge } from '../../components/PhaseBadge.tsx';
import { formatQuantity } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/Badge.tsx';

const byName = (a: VmPlacement, b: VmPlacement) =>
  a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);

/** The VMs running on a node, with what they reserve and whether they can live-migrate. */
export function NodeVms({ vms }: { vms: readonly VmPlacement[] }) {
  const { t, locale } = useI18n();
  const id = useId();
  return (
    <section className="nodes-section" aria-labelledby={id}>
      <h2 id={id}>{t('nodes.vmsOnNode', { count: vms.length })}</h2>
      <div className="nodes-table-wrap">
        <table className="table">
          <caption className="visually-hidden">
            {t('nodes.vmsOnNode', { count: vms.length })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('common.name')}</th>
              <th scope="col">{t('nodes.project')}</th>
              <th scope="col">{t('common.phase')}</th>
              <th scope="col">{t('nodes.cpu')}</th>
              <th scope="col">{t('nodes.memory')}</th>
              <th scope="col">{t('nodes.migratable')}</th>
            </tr>
          </thead>
          <tbody>
            {[...vms].sort(byName).map((v) => (
              <tr key={v.uid}>
                <th scope="row">
                  <Link to={paths.vm(v.namespace, v.name)}>{v.name}</Link>
                </th>
                <td>{v.namespace}</td>
                <td>
                  <PhaseBadge phase={v.phase} />
                </td>
                <td>
                  {v.cores !== undefined
                    ? t('nodes.vmCpu', { cores: v.cores, fraction: v.coreFraction ?? '100%' })
                    : '—'}
                </td>
                <td>{formatQuantity(locale, v.memory)}</td>
                <td className="nodes-wrap">
                  {v.migratable === null ? (
                    <Badge>{t('common.unknown')}</Badge>
                  ) : v.migratable ? (
                    <Badge tone="success">{t('common.yes')}</Badge>
                  ) : (
                    <>
                      <Badge tone="warning">{t('common.no')}</Badge>{' '}
                      <span className="nodes-sub">{v.notMigratableReason}</span>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
