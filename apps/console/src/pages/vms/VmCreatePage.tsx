import { useParams } from 'react-router';
import { useDocumentTitle } from '../../app/title.ts';
import { VmCreateForm } from '../../forms/vm-create/VmCreateForm.tsx';
import { useT } from '../../i18n/i18n.tsx';

/** Virtualization → Virtual Machines → Create, in the project of the URL. */
export function VmCreatePage() {
  const { project = '' } = useParams();
  const t = useT();
  useDocumentTitle(t('vm-create.title'), project);
  return <VmCreateForm namespace={project} />;
}
