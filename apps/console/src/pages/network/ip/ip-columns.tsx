import type { KubeObject } from '@dvp/api';
import { Link } from 'react-router';
import { paths } from '../../../app/paths.ts';
import { ageColumn, nameColumn, phaseColumn } from '../../../components/list/columns.tsx';
import type { Column } from '../../../components/table/VirtualTable.tsx';
import type { Translate } from '../../../i18n/i18n.tsx';
import type { Locale } from '../../../i18n/messages/index.ts';
import { IpRowMenu } from './IpRowMenu.tsx';
import { addressOf, addressSpec, addressStatus } from './keep.ts';

function vmColumn(t: Translate): Column<KubeObject> {
  return {
    id: 'vm',
    label: t('network.ip.vm'),
    width: '20%',
    cell: (o) => {
      const vm = addressStatus(o)?.virtualMachineName;
      return vm ? <Link to={paths.vm(o.metadata.namespace ?? '', vm)}>{vm}</Link> : '—';
    },
  };
}

function addressColumn(t: Translate): Column<KubeObject> {
  return {
    id: 'address',
    label: t('network.ip.address'),
    width: '18%',
    cell: (o) => <code>{addressOf(o) ?? '—'}</code>,
  };
}

/** VirtualMachineIPAddress rows: name, address, type, phase, VM, age, actions. */
export function ipColumns(t: Translate, locale: Locale): Column<KubeObject>[] {
  return [
    nameColumn(t),
    addressColumn(t),
    {
      id: 'type',
      label: t('network.ip.type'),
      width: '110px',
      cell: (o) =>
        addressSpec(o)?.type === 'Static' ? t('network.ip.type.Static') : t('network.ip.type.Auto'),
    },
    phaseColumn(t),
    vmColumn(t),
    ageColumn(t, locale),
    {
      id: 'actions',
      // A row menu: mounted afresh per object (it may be open).
      ownState: true,
      label: t('common.actions'),
      hiddenLabel: true,
      width: '64px',
      cell: (o) => (
        <div className="vt-overflow">
          <IpRowMenu row={o} />
        </div>
      ),
    },
  ];
}

/** VirtualMachineMACAddress rows (additional networks): name, address, phase, VM, age. */
export function macColumns(t: Translate, locale: Locale): Column<KubeObject>[] {
  return [nameColumn(t), addressColumn(t), phaseColumn(t), vmColumn(t), ageColumn(t, locale)];
}
