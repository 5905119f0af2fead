import { useParams } from 'react-router';
import { VmListPage } from './list/VmListPage.tsx';

/** Virtualization → Virtual Machines of the project in the URL. */
export function VmsPage() {
  const { project = '' } = useParams();
  return <VmListPage project={project} />;
}
