import { useMemo } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/title.ts';
import { ResourceList } from '../../components/list/ResourceList.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { imageColumns } from './columns.tsx';
import { isImageSource } from './create/build.ts';
import { CreateImageDialog } from './create/CreateImageDialog.tsx';
import { CREATE_PARAM, CreateImageMenu } from './create/CreateImageMenu.tsx';
import { CLUSTER_SCOPE, projectScope, resourceOf } from './scope.ts';
import './images.css';

/** "Disk Images" of a project, or "Cluster Images" under System: a live list with Create Image. */
export function ImagesPage({ cluster }: { cluster: boolean }) {
  const { t, locale } = useI18n();
  const { project = '' } = useParams();
  const scope = useMemo(
    () => (cluster ? CLUSTER_SCOPE : projectScope(project)),
    [cluster, project],
  );
  const title = t(cluster ? 'nav.clusterImages' : 'nav.images');
  useDocumentTitle(title, cluster ? undefined : project);
  const columns = useMemo(() => imageColumns(t, locale, scope), [t, locale, scope]);
  const [search, setSearch] = useSearchParams();
  const create = search.get(CREATE_PARAM);
  const close = () =>
    setSearch((prev) => {
      const next = new URLSearchParams(prev);
      next.delete(CREATE_PARAM);
      return next;
    });
  return (
    <ResourceList
      resource={resourceOf(scope)}
      namespace={cluster ? undefined : project}
      title={title}
      tableLabel={cluster ? t('images.cluster.tableLabel') : t('images.tableLabel', { project })}
      columns={columns}
      actions={<CreateImageMenu scope={scope} />}
      intro={<p className="img-intro">{t(cluster ? 'images.cluster.intro' : 'images.intro')}</p>}
      emptyText={t(cluster ? 'images.cluster.empty' : 'images.empty')}
    >
      {isImageSource(create) ? (
        <CreateImageDialog key={create} scope={scope} source={create} onClose={close} />
      ) : null}
    </ResourceList>
  );
}
