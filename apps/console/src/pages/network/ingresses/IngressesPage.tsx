import type { Ingress, KubeObject } from '@dvp/api';
import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { paths } from '../../../app/paths.ts';
import { ageColumn, nameColumn } from '../../../components/list/columns.tsx';
import type { Column } from '../../../components/table/VirtualTable.tsx';
import { useI18n, type Translate } from '../../../i18n/i18n.tsx';
import type { Locale } from '../../../i18n/messages/index.ts';
import { DeleteMenu } from '../DeleteMenu.tsx';
import { NetworkList } from '../NetworkList.tsx';
import { IngressCreateDialog } from './IngressCreateDialog.tsx';
import { ingressRoutes } from './ingress-model.ts';

function ingressColumns(t: Translate, locale: Locale): Column<KubeObject>[] {
  return [
    nameColumn(t),
    {
      id: 'hosts',
      label: t('network.ing.hosts'),
      width: '20%',
      cell: (o) => [...new Set(ingressRoutes(o).map((r) => r.host))].join(', ') || '*',
    },
    {
      id: 'paths',
      label: t('network.ing.paths'),
      width: '12%',
      cell: (o) =>
        ingressRoutes(o)
          .map((r) => r.path)
          .join(', ') || '—',
    },
    {
      id: 'backend',
      label: t('network.ing.backend'),
      width: '20%',
      cell: (o) => {
        const routes = ingressRoutes(o);
        const ns = o.metadata.namespace ?? '';
        return routes.length
          ? routes.map((r, i) => (
              <span key={i} className="net-backend">
                <Link to={paths.service(ns, r.service)}>{r.service}</Link>
                {r.port ? `:${r.port}` : ''}
              </span>
            ))
          : '—';
      },
    },
    {
      id: 'class',
      label: t('network.ing.class'),
      width: '110px',
      cell: (o) => (o as Ingress).spec?.ingressClassName ?? '—',
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
          <DeleteMenu row={o} resource="ingresses" />
        </div>
      ),
    },
  ];
}

/** Network → Ingresses: HTTP(S) routes to the project's services; "Create Ingress"; Delete. */
export function IngressesPage() {
  const { t, locale } = useI18n();
  const { project = '' } = useParams();
  const [search] = useSearchParams();
  const columns = useMemo(() => ingressColumns(t, locale), [t, locale]);
  return (
    <NetworkList
      resource="ingresses"
      project={project}
      title={t('nav.ingresses')}
      tableLabel={t('network.ing.table', { project })}
      columns={columns}
      createLabel={t('network.ing.create')}
      createValue="ingress"
      createParams={['service']}
      createDialog={(close) => (
        <IngressCreateDialog
          namespace={project}
          service={search.get('service') ?? undefined}
          onClose={close}
        />
      )}
      intro={t('network.ing.intro')}
      emptyText={t('network.ing.empty')}
    />
  );
}
