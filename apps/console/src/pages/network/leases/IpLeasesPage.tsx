import { ipFromLeaseName, type KubeObject } from '@dvp/api';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { paths } from '../../../app/paths.ts';
import { useDocumentTitle } from '../../../app/title.ts';
import { ageColumn, nameColumn, phaseColumn } from '../../../components/list/columns.tsx';
import { ResourceList } from '../../../components/list/ResourceList.tsx';
import type { Column } from '../../../components/table/VirtualTable.tsx';
import { useI18n, type Translate } from '../../../i18n/i18n.tsx';
import type { Locale } from '../../../i18n/messages/index.ts';
import { SubTabs } from '../NetworkTabs.tsx';
import { macFromLeaseName } from './lease-names.ts';
import '../network.css';

type Ref = { name?: string; namespace?: string } | undefined;
type RefField = 'virtualMachineIPAddressRef' | 'virtualMachineMACAddressRef';

function leaseColumns(
  t: Translate,
  locale: Locale,
  field: RefField,
  addressOf: (name: string) => string | undefined,
): Column<KubeObject>[] {
  return [
    nameColumn(t),
    {
      id: 'address',
      label: t('network.ip.address'),
      width: '18%',
      cell: (o) => <code>{addressOf(o.metadata.name ?? '') ?? '—'}</code>,
    },
    {
      id: 'claim',
      label: t('network.lease.claim'),
      width: '30%',
      cell: (o) => {
        const ref = (o.spec as Partial<Record<RefField, Ref>> | undefined)?.[field];
        if (!ref?.name || !ref.namespace) return '—';
        const to = `${paths.ipAddresses(ref.namespace)}?${new URLSearchParams({
          ...(field === 'virtualMachineMACAddressRef' ? { tab: 'mac' } : {}),
          q: ref.name,
        }).toString()}`;
        return <Link to={to}>{`${ref.namespace}/${ref.name}`}</Link>;
      },
    },
    phaseColumn(t),
    ageColumn(t, locale),
  ];
}

/**
 * "IP address leases" (System, admins): the cluster's VirtualMachineIPAddressLeases with the
 * address each holds and the project address bound to it; MAC address leases on a second tab.
 */
export function IpLeasesPage() {
  const { t, locale } = useI18n();
  const [search] = useSearchParams();
  const tab = search.get('tab') === 'mac' ? 'mac' : 'ip';
  const title = tab === 'mac' ? t('network.macLease.title') : t('nav.ipLeases');
  useDocumentTitle(title);
  const ipCols = useMemo(
    () => leaseColumns(t, locale, 'virtualMachineIPAddressRef', ipFromLeaseName),
    [t, locale],
  );
  const macCols = useMemo(
    () => leaseColumns(t, locale, 'virtualMachineMACAddressRef', macFromLeaseName),
    [t, locale],
  );
  const intro = (
    <>
      <SubTabs
        label={t('network.lease.tabs')}
        base={paths.ipLeases()}
        current={tab}
        tabs={[
          { id: 'ip', label: t('nav.ipLeases') },
          { id: 'mac', label: t('network.macLease.title') },
        ]}
      />
      <p className="net-intro">
        {tab === 'mac' ? t('network.macLease.intro') : t('network.lease.intro')}
      </p>
    </>
  );
  return tab === 'mac' ? (
    <ResourceList
      key="mac"
      resource="virtualmachinemacaddressleases"
      title={title}
      tableLabel={title}
      columns={macCols}
      intro={intro}
      emptyText={t('network.macLease.empty')}
      filters={{ labels: false }}
    />
  ) : (
    <ResourceList
      key="ip"
      resource="virtualmachineipaddressleases"
      title={title}
      tableLabel={title}
      columns={ipCols}
      intro={intro}
      emptyText={t('network.lease.empty')}
      filters={{ labels: false }}
    />
  );
}
