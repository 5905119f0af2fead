import type { ClusterResource, GenericResource } from '@dvp/api';
import { useMemo } from 'react';
import { useParams } from 'react-router';
import { useDocumentTitle } from '../../app/title.ts';
import { ageColumn, nameColumn, phaseColumn } from '../../components/list/columns.tsx';
import { ResourceList } from '../../components/list/ResourceList.tsx';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';

const TITLES: Partial<Record<GenericResource | ClusterResource, MessageKey>> = {
  virtualdisks: 'nav.disks',
  virtualimages: 'nav.images',
  virtualdisksnapshots: 'nav.snapshots',
  clustervirtualimages: 'nav.clusterImages',
  virtualmachineclasses: 'nav.classes',
  nodes: 'nav.nodes',
  moduleconfigs: 'nav.settings',
  services: 'nav.services',
  ingresses: 'nav.ingresses',
  virtualmachineipaddresses: 'nav.ipAddresses',
  virtualmachineipaddressleases: 'nav.ipLeases',
};

/** A plain live list (name, phase, age) of one kind, for kinds without a page of their own. */
export function ResourceListPage({ resource }: { resource: GenericResource | ClusterResource }) {
  const { t, locale } = useI18n();
  const { project } = useParams();
  const title = t(TITLES[resource] ?? 'common.items');
  useDocumentTitle(title, project);
  const columns = useMemo(() => [nameColumn(t), phaseColumn(t), ageColumn(t, locale)], [t, locale]);
  return (
    <ResourceList
      resource={resource}
      namespace={project}
      title={title}
      tableLabel={title}
      columns={columns}
      emptyText={t('list.emptyFiltered')}
    />
  );
}
