import { useMemo } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useCan } from '../../../api/session.tsx';
import { paths } from '../../../app/paths.ts';
import { useDocumentTitle } from '../../../app/title.ts';
import { ResourceList } from '../../../components/list/ResourceList.tsx';
import { useI18n } from '../../../i18n/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { useDialogParam } from '../dialog-param.ts';
import { SubTabs } from '../NetworkTabs.tsx';
import '../network.css';
import { ipColumns, macColumns } from './ip-columns.tsx';
import { DeleteIpDialog } from './DeleteIpDialog.tsx';
import { KeepIpDialog } from './KeepIpDialog.tsx';
import { RequestStaticIpDialog } from './RequestStaticIpDialog.tsx';

/**
 * "IP addresses" of a project: its VirtualMachineIPAddresses (request a static one, keep one
 * after its VM is deleted, delete a free one) and, on a second tab, the MAC addresses of
 * additional networks (VirtualMachineMACAddresses).
 */
export function IpAddressesPage() {
  const { t, locale } = useI18n();
  const { project = '' } = useParams();
  const [search] = useSearchParams();
  const tab = search.get('tab') === 'mac' ? 'mac' : 'ip';
  const title = tab === 'mac' ? t('network.mac.title') : t('nav.ipAddresses');
  useDocumentTitle(title, project);
  const ipCols = useMemo(() => ipColumns(t, locale), [t, locale]);
  const macCols = useMemo(() => macColumns(t, locale), [t, locale]);
  const canCreate = useCan('create', 'virtualmachineipaddresses', project);
  const [create, openCreate, closeCreate] = useDialogParam('create');
  const [keep, , closeKeep] = useDialogParam('keep');
  const [del, , closeDelete] = useDialogParam('delete');

  const tabs = (
    <SubTabs
      label={t('network.ip.tabs')}
      base={paths.ipAddresses(project)}
      current={tab}
      tabs={[
        { id: 'ip', label: t('nav.ipAddresses') },
        { id: 'mac', label: t('network.mac.title') },
      ]}
    />
  );

  if (tab === 'mac') {
    return (
      <ResourceList
        key="mac"
        resource="virtualmachinemacaddresses"
        namespace={project}
        title={title}
        tableLabel={t('network.mac.table', { project })}
        columns={macCols}
        intro={
          <>
            {tabs}
            <p className="net-intro">{t('network.mac.intro')}</p>
          </>
        }
        emptyText={t('network.mac.empty')}
        filters={{ labels: false }}
      />
    );
  }
  return (
    <ResourceList
      key="ip"
      resource="virtualmachineipaddresses"
      namespace={project}
      title={title}
      tableLabel={t('network.ip.table', { project })}
      columns={ipCols}
      actions={
        <Button
          variant="primary"
          disabledReason={canCreate.allowed ? undefined : t(canCreate.reason ?? 'common.forbidden')}
          onClick={() => openCreate('static')}
        >
          {t('network.ip.request')}
        </Button>
      }
      intro={
        <>
          {tabs}
          <p className="net-intro">{t('network.ip.intro')}</p>
        </>
      }
      emptyText={t('network.ip.empty')}
    >
      {create === 'static' ? (
        <RequestStaticIpDialog namespace={project} onClose={closeCreate} />
      ) : null}
      {keep ? <KeepIpDialog namespace={project} name={keep} onClose={closeKeep} /> : null}
      {del ? <DeleteIpDialog namespace={project} name={del} onClose={closeDelete} /> : null}
    </ResourceList>
  );
}
