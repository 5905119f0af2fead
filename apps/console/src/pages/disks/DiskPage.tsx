import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { paths } from '../../app/paths.ts';
import { useDocumentTitle } from '../../app/title.ts';
import { useT } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/Button.tsx';
import { RouteTabs, TabPanel } from '../../ui/Tabs.tsx';
import { useProjectObject } from './data.ts';
import { DiskOverview } from './detail/DiskOverview.tsx';
import { ObjectHeader, ObjectPage } from './detail/ObjectPage.tsx';
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
  const tabs = DISK_TABS.map((id) => ({
    id,
    label: t(`disks.tab.${id}`),
    to: diskTab(project, name, id),
  }));
  return (
    <ObjectPage
      className="disk-page"
      back={back}
      query={query}
      goneText={(deleted) =>
        deleted ? t('disks.deleted', { name }) : t('disks.notFound', { name, project })
      }
    >
      {(disk) => (
        <>
          <ObjectHeader object={disk} actions={<DiskActions disk={disk} />} />
          <RouteTabs label={t('disks.tabs')} tabs={tabs} current={tab} />
          <TabPanel label={t(`disks.tab.${tab}`)}>
            {tab === 'overview' ? <DiskOverview disk={disk} /> : <ObjectYaml object={disk} />}
          </TabPanel>
          <DiskDialogs namespace={project} onDeleted={() => void navigate(paths.disks(project))} />
        </>
      )}
    </ObjectPage>
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
