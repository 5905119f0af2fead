import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { errorText } from '../../api/error-text.ts';
import { toApiError } from '../../api/errors.ts';
import { paths } from '../../app/paths.ts';
import { useDocumentTitle } from '../../app/title.ts';
import { PhaseBadge } from '../../components/PhaseBadge.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/Button.tsx';
import { RouteTabs, TabPanel } from '../../ui/Tabs.tsx';
import { useProjectObject } from './data.ts';
import { DiskOverview } from './detail/DiskOverview.tsx';
import { ObjectYaml } from './detail/ObjectYaml.tsx';
import { DiskDialogs } from './dialogs/DiskDialogs.tsx';
import { useDiskActionReasons } from './dialogs/reasons.ts';
import { useDiskDialogParam } from './dialogs/use-dialog-param.ts';
import { DISK_TABS, diskTab, type DiskTab } from './paths.ts';
import './disks.css';

const isTab = (v: string | undefined): v is DiskTab =>
  (DISK_TABS as readonly string[]).includes(v ?? 'overview');

/** A disk's page: its state, source, size and VM, conditions as diagnostics, and YAML. */
export function DiskPage() {
  const t = useT();
  const navigate = useNavigate();
  const { project = '', name = '', tab = 'overview' } = useParams();
  useDocumentTitle(name, t('disks.title'), project);
  const query = useProjectObject(project, 'virtualdisks', name);
  const back = (
    <Link className="disk-back" to={paths.disks(project)}>
      ← {t('disks.title')}
    </Link>
  );
  if (!isTab(tab)) return <Navigate to={paths.disk(project, name)} replace />;
  if (query.error && (!query.data || toApiError(query.error).code === 404)) {
    const err = toApiError(query.error);
    return (
      <div className="disk-page">
        {back}
        <div className="banner banner-warning" role="alert">
          <p>
            {err.code === 404
              ? query.data
                ? t('disks.deleted', { name })
                : t('disks.notFound', { name, project })
              : errorText(t, err)}
          </p>
        </div>
      </div>
    );
  }
  const disk = query.data;
  if (!disk)
    return (
      <div className="disk-page">
        {back}
        <p role="status">{t('common.loading')}</p>
      </div>
    );
  const phase = (disk.status as { phase?: string } | undefined)?.phase;
  const tabs = DISK_TABS.map((id) => ({
    id,
    label: t(`disks.tab.${id}`),
    to: diskTab(project, name, id),
  }));
  return (
    <div className="disk-page">
      {back}
      <header className="disk-header">
        <div>
          <h1>{name}</h1>
          {phase ? <PhaseBadge phase={phase} /> : null}
        </div>
        <DiskActions disk={disk} />
      </header>
      <RouteTabs label={t('disks.tabs')} tabs={tabs} current={tab} />
      <TabPanel label={t(`disks.tab.${tab}`)}>
        {tab === 'overview' ? <DiskOverview disk={disk} /> : <ObjectYaml object={disk} />}
      </TabPanel>
      <DiskDialogs namespace={project} onDeleted={() => void navigate(paths.disks(project))} />
    </div>
  );
}

function DiskActions({ disk }: { disk: Parameters<typeof useDiskActionReasons>[0] }) {
  const t = useT();
  const name = disk.metadata.name ?? '';
  const reasons = useDiskActionReasons(disk);
  const open = useDiskDialogParam()[1];
  return (
    <div className="disk-actions">
      <Button disabledReason={reasons.resize} onClick={() => open('resize', name)}>
        {t('disks.action.resize')}
      </Button>
      <Button disabledReason={reasons.snapshot} onClick={() => open('snapshot', name)}>
        {t('disks.action.snapshot')}
      </Button>
      <Button variant="danger" disabledReason={reasons.delete} onClick={() => open('delete', name)}>
        {t('common.delete')}
      </Button>
    </div>
  );
}
