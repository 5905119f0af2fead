import { Navigate, useParams } from 'react-router';
import { errorText } from '../../api/error-text.ts';
import { paths } from '../../app/paths.ts';
import { useDocumentTitle } from '../../app/title.ts';
import { useT } from '../../i18n/i18n.tsx';
import { RouteTabs, TabPanel } from '../../ui/Tabs.tsx';
import { ConfigurationTab } from './ConfigurationTab.tsx';
import { MODULE, useModuleConfig } from './data.ts';
import { OverviewTab } from './OverviewTab.tsx';
import { MODULE_TABS, moduleTabPath, type ModuleTab } from './paths.ts';
import './settings.css';

/**
 * System → Deckhouse → Modules → `virtualization` (seed 002 "How to configure the
 * virtualization module in the web interface"): the module's Configuration tab and an overview.
 */
export function ModulePage() {
  const t = useT();
  const { tab = 'configuration' } = useParams();
  const mc = useModuleConfig();
  const tabLabel = t(`settings.tab.${tab as ModuleTab}`);
  useDocumentTitle(
    MODULE_TABS.includes(tab as ModuleTab) ? tabLabel : undefined,
    MODULE,
    t('nav.settings'),
  );
  if (!MODULE_TABS.includes(tab as ModuleTab)) return <Navigate to={paths.settings()} replace />;
  return (
    <section className="settings-page" aria-labelledby="module-title">
      <p className="settings-crumbs">
        {t('nav.deckhouse')} / {t('nav.settings')}
      </p>
      <h1 id="module-title">{MODULE}</h1>
      <RouteTabs
        label={t('settings.tabs')}
        current={tab}
        tabs={MODULE_TABS.map((id) => ({
          id,
          label: t(`settings.tab.${id}`),
          to: moduleTabPath(id),
        }))}
      />
      <TabPanel label={tabLabel}>
        {mc.error ? (
          <p role="alert" className="banner banner-danger">
            {errorText(t, mc.error)}
          </p>
        ) : !mc.data ? (
          <p role="status" className="loading">
            {t('common.loading')}
          </p>
        ) : tab === 'overview' ? (
          <OverviewTab mc={mc.data} />
        ) : (
          <ConfigurationTab live={mc.data} />
        )}
      </TabPanel>
    </section>
  );
}
