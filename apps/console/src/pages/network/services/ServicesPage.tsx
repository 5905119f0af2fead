import { useMemo } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useCan } from '../../../api/session.tsx';
import { paths } from '../../../app/paths.ts';
import { useDocumentTitle } from '../../../app/title.ts';
import { ResourceList } from '../../../components/list/ResourceList.tsx';
import { useI18n } from '../../../i18n/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { DeleteObjectDialog } from '../DeleteObjectDialog.tsx';
import { useDialogParam } from '../dialog-param.ts';
import '../network.css';
import { serviceColumns } from './service-columns.tsx';
import { ServiceCreateDialog } from './ServiceCreateDialog.tsx';

/** Network → Services: the project's Services with the VMs each selects now; Create; Delete. */
export function ServicesPage() {
  const { t, locale } = useI18n();
  const { project = '' } = useParams();
  const navigate = useNavigate();
  const title = t('nav.services');
  useDocumentTitle(title, project);
  const columns = useMemo(() => serviceColumns(t, locale), [t, locale]);
  const can = useCan('create', 'services', project);
  const [create, openCreate, closeCreate] = useDialogParam('create');
  const [del, , closeDelete] = useDialogParam('delete');
  return (
    <ResourceList
      resource="services"
      namespace={project}
      title={title}
      tableLabel={t('network.svc.table', { project })}
      columns={columns}
      filters={{ phase: false }}
      actions={
        <Button
          variant="primary"
          disabledReason={can.allowed ? undefined : t(can.reason ?? 'common.forbidden')}
          onClick={() => openCreate('service')}
        >
          {t('common.create')}
        </Button>
      }
      intro={<p className="net-intro">{t('network.svc.intro')}</p>}
      emptyText={t('network.svc.empty')}
    >
      {create === 'service' ? (
        <ServiceCreateDialog
          namespace={project}
          onClose={closeCreate}
          onCreated={(name) => void navigate(paths.service(project, name), { replace: true })}
        />
      ) : null}
      {del ? (
        <DeleteObjectDialog
          namespace={project}
          resource="services"
          name={del}
          onClose={closeDelete}
        />
      ) : null}
    </ResourceList>
  );
}
