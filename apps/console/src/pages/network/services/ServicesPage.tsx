import { useMemo } from 'react';
import { useNavigate, useParams } from 'react-router';
import { paths } from '../../../app/paths.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { NetworkList } from '../NetworkList.tsx';
import { serviceColumns } from './service-columns.tsx';
import { ServiceCreateDialog } from './ServiceCreateDialog.tsx';

/** Network → Services: the project's Services with the VMs each selects now; Create; Delete. */
export function ServicesPage() {
  const { t, locale } = useI18n();
  const { project = '' } = useParams();
  const navigate = useNavigate();
  const columns = useMemo(() => serviceColumns(t, locale), [t, locale]);
  return (
    <NetworkList
      resource="services"
      project={project}
      title={t('nav.services')}
      tableLabel={t('network.svc.table', { project })}
      columns={columns}
      createLabel={t('common.create')}
      createValue="service"
      createDialog={(close) => (
        <ServiceCreateDialog
          namespace={project}
          onClose={close}
          onCreated={(name) => void navigate(paths.service(project, name), { replace: true })}
        />
      )}
      intro={t('network.svc.intro')}
      emptyText={t('network.svc.empty')}
    />
  );
}
