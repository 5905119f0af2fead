import type { VmDetail } from '@dvp/api';
import { PhaseBadge } from '../../../components/PhaseBadge.tsx';
import { VmActionsMenu } from '../../../components/vm/VmActionsMenu.tsx';
import { useT } from '../../../i18n/i18n.tsx';
import { guestOsName } from './guest-os.ts';

/** Name with its phase under it (as the seeds describe), node, IP, guest OS and the actions. */
export function VmHeader({ detail }: { detail: VmDetail }) {
  const t = useT();
  const { vm, row } = detail;
  const status = vm.status;
  const phase = status?.phase ?? row.phase;
  const ip = status?.ipAddress ?? row.ipAddress;
  const node = status?.nodeName ?? row.node;
  const os = guestOsName(status?.guestOSInfo);
  return (
    <header className="vm-header">
      <div className="vm-title">
        <h1>{vm.metadata.name}</h1>
        <div className="vm-phase">
          <PhaseBadge phase={phase || 'Pending'} />
        </div>
      </div>
      <dl className="vm-facts">
        <div>
          <dt>{t('vm-detail.node')}</dt>
          <dd>{node || '—'}</dd>
        </div>
        <div>
          <dt>{t('vm-detail.ip')}</dt>
          <dd>{ip || '—'}</dd>
        </div>
        <div>
          <dt>{t('vm-detail.guestOs')}</dt>
          <dd>{os ?? '—'}</dd>
        </div>
      </dl>
      <div className="vm-header-actions">
        <VmActionsMenu vm={row} />
      </div>
    </header>
  );
}
