import type { KubeObject, Service } from '@dvp/api';
import { paths } from '../../../app/paths.ts';
import { ageColumn, nameColumn } from '../../../components/list/columns.tsx';
import type { Column } from '../../../components/table/VirtualTable.tsx';
import type { Translate } from '../../../i18n/i18n.tsx';
import type { Locale } from '../../../i18n/messages/index.ts';
import { DeleteMenu } from '../DeleteMenu.tsx';
import { MatchCount } from './matched-vms.tsx';
import { portText, selectorQuery, serviceKindOf } from './service-model.ts';

const specOf = (o: KubeObject) => (o as Service).spec;

/** Services: name, type, cluster IP, ports, selector, VMs matched now, age, actions. */
export function serviceColumns(t: Translate, locale: Locale): Column<KubeObject>[] {
  return [
    nameColumn(t, (o) => paths.service(o.metadata.namespace ?? '', o.metadata.name ?? '')),
    {
      id: 'type',
      label: t('network.svc.type'),
      width: '120px',
      cell: (o) => {
        const kind = serviceKindOf(o);
        return kind === 'ExternalName' ? kind : t(`network.svc.kind.${kind}`);
      },
    },
    {
      id: 'clusterIP',
      label: t('network.svc.clusterIP'),
      width: '130px',
      cell: (o) => <code>{specOf(o)?.clusterIP ?? '—'}</code>,
    },
    {
      id: 'ports',
      label: t('network.svc.ports'),
      width: '16%',
      cell: (o) => (specOf(o)?.ports ?? []).map(portText).join(', ') || '—',
    },
    {
      id: 'selector',
      label: t('network.svc.selector'),
      width: '18%',
      cell: (o) =>
        Object.entries(specOf(o)?.selector ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(', ') || '—',
    },
    {
      id: 'vms',
      label: t('network.svc.matchedShort'),
      width: '110px',
      cell: (o) => (
        <MatchCount
          namespace={o.metadata.namespace ?? ''}
          selector={selectorQuery(specOf(o)?.selector)}
        />
      ),
    },
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
          <DeleteMenu row={o} resource="services" />
        </div>
      ),
    },
  ];
}
