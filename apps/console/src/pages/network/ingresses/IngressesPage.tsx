import type { Ingress, KubeObject } from '@dvp/api';
import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useCan } from '../../../api/session.tsx';
import { paths } from '../../../app/paths.ts';
import { useDocumentTitle } from '../../../app/title.ts';
import { ageColumn, nameColumn } from '../../../components/list/columns.tsx';
import { ResourceList } from '../../../components/list/ResourceList.tsx';
import type { Column } from '../../../components/table/VirtualTable.tsx';
import { useI18n, type Translate } from '../../../i18n/i18n.tsx';
import type { Locale } from '../../../i18n/messages/index.ts';
import { Button } from '../../../ui/Button.tsx';
import { DeleteMenu } from '../DeleteMenu.tsx';
import { DeleteObjectDialog } from '../DeleteObjectDialog.tsx';
import { useDialogParam } from '../dialog-param.ts';
import '../network.css';
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
  const title = t('nav.ingresses');
  useDocumentTitle(title, project);
  const columns = useMemo(() => ingressColumns(t, locale), [t, locale]);
  const can = useCan('create', 'ingresses', project);
  const [create, openCreate, closeCreate] = useDialogParam('create', ['service']);
  const [del, , closeDelete] = useDialogParam('delete');
  return (
    <ResourceList
      resource="ingresses"
      namespace={project}
      title={title}
      tableLabel={t('network.ing.table', { project })}
      columns={columns}
      filters={{ phase: false }}
      actions={
        <Button
          variant="primary"
          disabledReason={can.allowed ? undefined : t(can.reason ?? 'common.forbidden')}
          onClick={() => openCreate('ingress')}
        >
          {t('network.ing.create')}
        </Button>
      }
      intro={<p className="net-intro">{t('network.ing.intro')}</p>}
      emptyText={t('network.ing.empty')}
    >
      {create === 'ingress' ? (
        <IngressCreateDialog
          namespace={project}
          service={search.get('service') ?? undefined}
          onClose={closeCreate}
        />
      ) : null}
      {del ? (
        <DeleteObjectDialog
          namespace={project}
          resource="ingresses"
          name={del}
          onClose={closeDelete}
        />
      ) : null}
    </ResourceList>
  );
}
