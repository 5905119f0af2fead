import { LeaveGuard } from '../../components/form/LeaveGuard.tsx';
import { useT } from '../../i18n/i18n.tsx';

/** The unsaved-input guard of this area's create dialogs, in its words. */
export function NetLeaveGuard({ when }: { when: boolean }) {
  const t = useT();
  return (
    <LeaveGuard
      when={when}
      title={t('network.leave.title')}
      text={t('network.leave.text')}
      stayLabel={t('network.leave.stay')}
      leaveLabel={t('network.leave.go')}
    />
  );
}
