import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/error-text.ts';
import { toApiError } from '../../api/errors.ts';
import { q } from '../../api/query.ts';
import { useWatch } from '../../api/watch.ts';
import { paths, VM_TABS, type VmTab } from '../../app/paths.ts';
import { useDocumentTitle } from '../../app/title.ts';
import { useT } from '../../i18n/i18n.tsx';
import { RouteTabs, TabPanel } from '../../ui/Tabs.tsx';
import { EventsTab } from './detail/EventsTab.tsx';
import { MetaTab } from './detail/MetaTab.tsx';
import { OverviewTab } from './detail/OverviewTab.tsx';
import { VmHeader } from './detail/VmHeader.tsx';
import './detail/vm-detail.css';

// Heavy tabs load on demand: xterm, noVNC and the YAML parser stay out of the page's chunk.
const ConfigurationTab = lazy(() =>
  import('./tabs/ConfigurationTab.tsx').then((m) => ({ default: m.ConfigurationTab })),
);
const TtyTab = lazy(() => import('./tabs/TtyTab.tsx').then((m) => ({ default: m.TtyTab })));
const VncTab = lazy(() => import('./tabs/VncTab.tsx').then((m) => ({ default: m.VncTab })));
const YamlTab = lazy(() => import('./detail/YamlTab.tsx').then((m) => ({ default: m.YamlTab })));

function isTab(v: string | undefined): v is VmTab {
  return (VM_TABS as readonly string[]).includes(v ?? '');
}

function Skeleton() {
  const t = useT();
  return (
    <div className="vm-skeleton" role="status" aria-live="polite">
      <span className="visually-hidden">{t('vm-detail.loading')}</span>
      <div className="vm-skeleton-line wide" aria-hidden="true" />
      <div className="vm-skeleton-line" aria-hidden="true" />
      <div className="vm-skeleton-block" aria-hidden="true" />
    </div>
  );
}

function Gone({ project, children }: { project: string; children: ReactNode }) {
  const t = useT();
  return (
    <div className="vm-gone">
      <div className="banner banner-warning" role="alert">
        <p>{children}</p>
      </div>
      <Link to={paths.vms(project)}>{t('vm-detail.toList')}</Link>
    </div>
  );
}

/** The VM page: header with actions, and the tabs of `/projects/:project/vms/:name/:tab`. */
export function VmPage() {
  const t = useT();
  const { project = '', name = '', tab } = useParams();
  useWatch(`virtualmachines/${project}`);
  useWatch(`virtualmachineoperations/${project}`);
  useWatch(`events/${project}`);
  const query = useQuery(q(api.vmView, { namespace: project, name }));
  useDocumentTitle(name, isTab(tab) && t(`vm-detail.tab.${tab}`), project);

  if (!isTab(tab)) return <Navigate to={paths.vm(project, name)} replace />;

  const back = (
    <Link className="vm-back" to={paths.vms(project)}>
      ← {t('vm-detail.back')}
    </Link>
  );
  if (query.error) {
    const err = toApiError(query.error);
    if (err.code === 404)
      return (
        <div className="vm-page">
          {back}
          <Gone project={project}>
            {query.data
              ? t('vm-detail.deleted', { name })
              : t('vm-detail.notFound', { name, project })}
          </Gone>
        </div>
      );
    if (!query.data)
      return (
        <div className="vm-page">
          {back}
          <Gone project={project}>{errorText(t, err)}</Gone>
        </div>
      );
  }
  const detail = query.data;
  if (!detail)
    return (
      <div className="vm-page">
        {back}
        <Skeleton />
      </div>
    );

  const tabs = VM_TABS.map((id) => ({
    id,
    label: t(`vm-detail.tab.${id}`),
    to: paths.vm(project, name, id),
  }));
  const phase = detail.vm.status?.phase ?? detail.row.phase;
  const label = t(`vm-detail.tab.${tab}`);
  return (
    <div className="vm-page">
      {back}
      <VmHeader detail={detail} />
      {detail.forbidden.length ? (
        <p className="vm-muted">
          {t('vm-detail.forbiddenParts', { parts: detail.forbidden.join(', ') })}
        </p>
      ) : null}
      <RouteTabs label={t('vm-detail.tabs')} tabs={tabs} current={tab} />
      <TabPanel label={label}>
        <Suspense fallback={<Skeleton />}>
          {tab === 'overview' ? <OverviewTab detail={detail} /> : null}
          {tab === 'configuration' ? <ConfigurationTab detail={detail} /> : null}
          {tab === 'meta' ? <MetaTab detail={detail} refetch={query.refetch} /> : null}
          {tab === 'events' ? <EventsTab detail={detail} /> : null}
          {tab === 'tty' ? <TtyTab namespace={project} name={name} phase={phase} /> : null}
          {tab === 'vnc' ? <VncTab namespace={project} name={name} phase={phase} /> : null}
          {tab === 'yaml' ? <YamlTab detail={detail} refetch={query.refetch} /> : null}
        </Suspense>
      </TabPanel>
    </div>
  );
}
