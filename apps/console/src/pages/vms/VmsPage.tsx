import { useParams } from 'react-router';
import { useSession } from '../../api/session.tsx';
import { VmListPage } from './list/VmListPage.tsx';

/** Virtualization → Virtual Machines of the project in the URL. */
export function VmsPage() {
  const { project = '' } = useParams();
  const { session } = useSession();
  // Remount on "Switch user": the session drops the cache, and fresh observers refetch the
  // list and the capabilities as the new user (mounted ones would keep the old user's data).
  return <VmListPage key={session.user?.username ?? ''} project={project} />;
}
