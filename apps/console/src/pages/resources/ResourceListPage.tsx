import {
  CLUSTER_RESOURCES,
  topicKey,
  type ClusterResource,
  type GenericResource,
  type KubeObject,
} from '@dvp/api';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/error-text.ts';
import { q } from '../../api/query.ts';
import { useWatch } from '../../api/watch.ts';
import { formatAge } from '../../i18n/format.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { PhaseBadge } from '../../components/PhaseBadge.tsx';

const TITLES: Record<string, MessageKey> = {
  virtualdisks: 'nav.disks',
  virtualimages: 'nav.images',
  virtualdisksnapshots: 'nav.snapshots',
  clustervirtualimages: 'nav.clusterImages',
  virtualmachineclasses: 'nav.classes',
  nodes: 'nav.nodes',
  moduleconfigs: 'nav.settings',
};

function useResourcePage(
  resource: GenericResource | ClusterResource,
  namespace: string | undefined,
) {
  const cluster = (CLUSTER_RESOURCES as string[]).includes(resource);
  useWatch(topicKey(cluster ? { resource } : { resource, namespace: namespace ?? '' }));
  const nsQuery = useQuery({
    ...q(
      api.resourceList,
      { namespace: namespace ?? '', resource: resource as GenericResource },
      { limit: 500 },
    ),
    enabled: !cluster && !!namespace,
  });
  const clusterQuery = useQuery({
    ...q(api.clusterResourceList, { resource: resource as ClusterResource }, { limit: 500 }),
    enabled: cluster,
  });
  return cluster ? clusterQuery : nsQuery;
}

const phaseOf = (o: KubeObject) => (o.status as { phase?: string } | undefined)?.phase;

/** A plain live list (name, phase, age) of one kind: the pages of part 2 grow from here. */
export function ResourceListPage({ resource }: { resource: GenericResource | ClusterResource }) {
  const { t, locale } = useI18n();
  const { project } = useParams();
  const { data, error } = useResourcePage(resource, project);
  const title = t(TITLES[resource] ?? 'common.items');
  return (
    <section aria-labelledby="list-title">
      <h1 id="list-title">{title}</h1>
      {error ? <p role="alert">{errorText(t, error)}</p> : null}
      {!data && !error ? <p role="status">{t('common.loading')}</p> : null}
      {data ? (
        <table className="table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('common.name')}</th>
              <th scope="col">{t('common.phase')}</th>
              <th scope="col">{t('common.age')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((o) => (
              <tr key={o.metadata.uid ?? o.metadata.name}>
                <td>{o.metadata.name}</td>
                <td>{phaseOf(o) ? <PhaseBadge phase={phaseOf(o) ?? ''} /> : '—'}</td>
                <td>{formatAge(locale, o.metadata.creationTimestamp)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
