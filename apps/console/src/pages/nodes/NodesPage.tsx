import type { KubeObject } from '@dvp/api';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { errorText } from '../../api/error-text.ts';
import { paths } from '../../app/paths.ts';
import { useDocumentTitle } from '../../app/title.ts';
import { ageColumn, nameColumn } from '../../components/list/columns.tsx';
import { ResourceList } from '../../components/list/ResourceList.tsx';
import type { Column } from '../../components/table/VirtualTable.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import {
  CpuModels,
  CpuReserved,
  MemoryReserved,
  Readiness,
  Scheduling,
  VmCount,
  infoOf,
} from './cells.tsx';
import { LivePlacement, placementQuery } from './data.tsx';
import './nodes.css';

/** System → Nodes: readiness, cordons, what VMs reserve, VM count and CPU models per node. */
export function NodesPage() {
  const { t, locale } = useI18n();
  const title = t('nav.nodes');
  useDocumentTitle(title);
  const placement = useQuery(placementQuery);
  const columns = useMemo(
    (): Column<KubeObject>[] => [
      { ...nameColumn(t, (o) => paths.node(o.metadata.name ?? '')), width: '15%' },
      {
        id: 'ready',
        label: t('nodes.readiness'),
        sort: 'phase',
        width: '110px',
        cell: (o) => <Readiness node={infoOf(o)} />,
      },
      {
        id: 'scheduling',
        label: t('nodes.scheduling'),
        width: '130px',
        cell: (o) => <Scheduling node={infoOf(o)} />,
      },
      {
        id: 'vms',
        label: t('nodes.vms'),
        width: '70px',
        cell: (o) => <VmCount name={o.metadata.name ?? ''} />,
      },
      {
        id: 'cpu',
        label: t('nodes.cpuReserved'),
        width: '15%',
        cell: (o) => <CpuReserved node={infoOf(o)} />,
      },
      {
        id: 'memory',
        label: t('nodes.memoryReserved'),
        width: '17%',
        cell: (o) => <MemoryReserved node={infoOf(o)} />,
      },
      {
        id: 'models',
        label: t('nodes.cpuModels'),
        cell: (o) => <CpuModels node={infoOf(o)} />,
      },
      ageColumn(t, locale),
    ],
    [t, locale],
  );
  return (
    <ResourceList
      resource="nodes"
      title={title}
      tableLabel={title}
      columns={columns}
      emptyText={t('nodes.empty')}
      filters={{ labels: true, phase: true, searchLabel: t('nodes.search') }}
      intro={
        <>
          <p className="nodes-intro">{t('nodes.intro')}</p>
          {placement.error ? (
            <p role="alert" className="banner banner-warning">
              {t('nodes.placementError', { message: errorText(t, placement.error) })}
            </p>
          ) : null}
        </>
      }
    >
      <LivePlacement />
    </ResourceList>
  );
}
