import { useParams } from 'react-router';
import { VmCreateForm } from '../../forms/vm-create/VmCreateForm.tsx';

/** Virtualization → Virtual Machines → Create, in the project of the URL. */
export function VmCreatePage() {
  const { project = '' } = useParams();
  return <VmCreateForm namespace={project} />;
}
