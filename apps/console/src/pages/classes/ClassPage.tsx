import { useQuery } from '@tanstack/react-query';
import type { KubeObject } from '@dvp/api';
import type { ReactNode } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { errorText } from '../../api/error-text.ts';
import { toApiError } from '../../api/errors.ts';
import { q } from '../../api/query.ts';
import { useCan } from '../../api/session.tsx';
import { useWatch } from '../../api/watch.ts';
import { paths } from '../../app/paths.ts';
import { useDocumentTitle } from '../../app/title.ts';
import { PhaseBadge } from '../../components/PhaseBadge.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { RouteTabs, TabPanel } from '../../ui/Tabs.tsx';
import { classStatus, isDefaultClass } from './class-facts.ts';
import { ClassOverview } from './ClassOverview.tsx';
import { ClassYaml } from './ClassYaml.tsx';
import { CLASS_TABS, classPaths, type ClassTab } from './paths.ts';
import './classes.css';

function isTab(v: string | undefined): v is ClassTab {
  return (CLASS_TABS as readonly string[]).includes(v ?? '');
}

/** The live class (`clusterResourceView`, kept fresh by the class stream). */
export function useClass(name: string) {
  useWatch('virtualmachineclasses');
  return useQuery(q(api.clusterResourceView, { resource: 'virtualmachineclasses', name }));
}

function Shell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="cls-page">
      <Link className="cls-back" to={paths.classes()}>
        ← {t('classes.back')}
      </Link>
      {children}
    </div>
  );
}

/** The Edit action: a link for admins, a disabled button saying why for everyone else. */
export function EditAction({ name }: { name: string }) {
  const { t } = useI18n();
  const can = useCan('patch', 'virtualmachineclasses', undefined, name);
  return can.allowed ? (
    <Link className="btn btn-secondary btn-md" to={classPaths.edit(name)}>
      {t('classes.edit')}
    </Link>
  ) : (
    <Button disabledReason={t(can.reason ?? 'common.forbidden')}>{t('classes.edit')}</Button>
  );
}

function Header({ cls }: { cls: KubeObject }) {
  const { t } = useI18n();
  const name = cls.metadata.name ?? '';
  return (
    <header className="cls-header">
      <div>
        <h1>{name}</h1>
        <div className="cls-badges">
          <PhaseBadge phase={classStatus(cls).phase ?? 'Pending'} />
          {isDefaultClass(cls) ? <Badge tone="info">{t('classes.default')}</Badge> : null}
        </div>
      </div>
      <div className="cls-header-actions">
        <EditAction name={name} />
      </div>
    </header>
  );
}

/** A VM class: `/system/classes/:name` (Overview) and `/system/classes/:name/yaml`. */
export function ClassPage() {
  const { t } = useI18n();
  const { name = '', tab = 'overview' } = useParams();
  useDocumentTitle(name, t('nav.classes'));
  const query = useClass(name);
  if (!isTab(tab)) return <Navigate to={paths.class(name)} replace />;
  if (query.error) {
    const err = toApiError(query.error);
    const text =
      err.code === 404
        ? t(query.data ? 'classes.deleted' : 'classes.notFound', { name })
        : errorText(t, err);
    if (err.code === 404 || !query.data)
      return (
        <Shell>
          <p className="banner banner-warning" role="alert">
            {text}
          </p>
        </Shell>
      );
  }
  const cls = query.data;
  if (!cls)
    return (
      <Shell>
        <p role="status">{t('classes.loading')}</p>
      </Shell>
    );
  const tabs = CLASS_TABS.map((id) => ({
    id,
    label: t(`classes.tab.${id}`),
    to: classPaths.tab(name, id),
  }));
  return (
    <Shell>
      <Header cls={cls} />
      <RouteTabs label={t('classes.tabs')} tabs={tabs} current={tab} />
      <TabPanel label={t(`classes.tab.${tab}`)}>
        {tab === 'overview' ? <ClassOverview cls={cls} /> : <ClassYaml cls={cls} />}
      </TabPanel>
    </Shell>
  );
}
