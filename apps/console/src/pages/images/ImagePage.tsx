import type { KubeObject } from '@dvp/api';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Link, Navigate, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/error-text.ts';
import { toApiError } from '../../api/errors.ts';
import { q } from '../../api/query.ts';
import { useCan } from '../../api/session.tsx';
import { useWatch } from '../../api/watch.ts';
import { Loading } from '../../app/route-parts.tsx';
import { useDocumentTitle } from '../../app/title.ts';
import { PhaseBadge } from '../../components/PhaseBadge.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/Button.tsx';
import { RouteTabs, TabPanel } from '../../ui/Tabs.tsx';
import { DeleteImageDialog } from './detail/DeleteImageDialog.tsx';
import { ImageOverview } from './detail/Overview.tsx';
import { BUSY_PHASES, imageView, progressPercent } from './model.ts';
import { ProgressBar } from './ProgressBar.tsx';
import {
  CLUSTER_SCOPE,
  IMAGE_TABS,
  imageHref,
  isImageTab,
  listHref,
  namespaceOf,
  projectScope,
  resourceOf,
  topicOf,
  type ImageScope,
} from './scope.ts';
import './images.css';

const ImageYaml = lazy(() =>
  import('./detail/YamlView.tsx').then((m) => ({ default: m.ImageYaml })),
);

const DIALOG = 'dialog';

function useImage(scope: ImageScope, name: string) {
  useWatch(topicOf(scope));
  const cluster = useQuery({
    ...q(api.clusterResourceView, { resource: 'clustervirtualimages', name }),
    enabled: scope.cluster,
  });
  const project = useQuery({
    ...q(api.resourceView, {
      namespace: scope.cluster ? '' : scope.project,
      resource: 'virtualimages',
      name,
    }),
    enabled: !scope.cluster,
  });
  return scope.cluster ? cluster : project;
}

function Header({ scope, image }: { scope: ImageScope; image: KubeObject }) {
  const t = useT();
  const [search, setSearch] = useSearchParams();
  const name = image.metadata.name ?? '';
  const view = imageView(image);
  const can = useCan('delete', resourceOf(scope), namespaceOf(scope), name);
  const pct = progressPercent(view.progress);
  const inUse = view.conditions.some((c) => c.type === 'InUse' && c.status === 'True');
  const setDialog = (on: boolean) =>
    setSearch((prev) => {
      const next = new URLSearchParams(prev);
      if (on) next.set(DIALOG, 'delete');
      else next.delete(DIALOG);
      return next;
    });
  return (
    <header className="img-header">
      <div>
        <p className="img-kind">{t(scope.cluster ? 'images.kindCluster' : 'images.kindProject')}</p>
        <h1>{name}</h1>
        <div className="img-status" role="group" aria-label={t('common.status')}>
          {view.phase ? <PhaseBadge phase={view.phase} /> : null}
          {pct !== undefined && BUSY_PHASES.has(view.phase ?? '') ? (
            <ProgressBar
              label={t('images.progress.label', { name })}
              percent={pct}
              text={view.progress}
            />
          ) : null}
        </div>
      </div>
      <Button
        variant="danger"
        disabledReason={can.allowed ? undefined : t(can.reason ?? 'common.forbidden')}
        onClick={() => setDialog(true)}
      >
        {t('common.delete')}
      </Button>
      {search.get(DIALOG) === 'delete' ? (
        <DeleteImageDialog
          scope={scope}
          name={name}
          inUse={inUse}
          onClose={() => setDialog(false)}
        />
      ) : null}
    </header>
  );
}

/** An image's page (`…/images/:name[/:tab]`, project or cluster): header, Overview and YAML tabs. */
export function ImagePage({ cluster }: { cluster: boolean }) {
  const t = useT();
  const { project = '', name = '', tab = 'overview' } = useParams();
  const scope = cluster ? CLUSTER_SCOPE : projectScope(project);
  const query = useImage(scope, name);
  useDocumentTitle(name, cluster ? t('nav.clusterImages') : project);
  if (!isImageTab(tab)) return <Navigate to={imageHref(scope, name)} replace />;
  const back = (
    <Link className="img-back" to={listHref(scope)}>
      ← {t(cluster ? 'images.cluster.back' : 'images.back')}
    </Link>
  );
  const image = query.data;
  if (query.error && (!image || toApiError(query.error).code === 404)) {
    const err = toApiError(query.error);
    return (
      <div className="img-page">
        {back}
        <p className="banner banner-warning" role="alert">
          {err.code === 404
            ? t(image ? 'images.deletedNow' : 'images.notFound', { name })
            : errorText(t, err)}
        </p>
      </div>
    );
  }
  if (!image)
    return (
      <div className="img-page">
        {back}
        <Loading />
      </div>
    );
  const tabs = IMAGE_TABS.map((id) => ({
    id,
    label: t(`images.tab.${id}`),
    to: imageHref(scope, name, id),
  }));
  return (
    <div className="img-page">
      {back}
      <Header scope={scope} image={image} />
      <RouteTabs label={t('images.tabs')} tabs={tabs} current={tab} />
      <TabPanel label={t(`images.tab.${tab}`)}>
        {tab === 'overview' ? (
          <ImageOverview scope={scope} image={image} view={imageView(image)} />
        ) : (
          <Suspense fallback={<Loading />}>
            <ImageYaml image={image} />
          </Suspense>
        )}
      </TabPanel>
    </div>
  );
}
