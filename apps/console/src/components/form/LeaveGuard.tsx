import { useEffect } from 'react';
import { useBlocker } from 'react-router';
import { useT } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';

/**
 * Unsaved-changes guard: while `when` holds, navigating to another page inside the app (links,
 * Back/Forward) asks first, through react-router's blocker; closing or reloading the page gets
 * the browser's own warning.
 */
export function LeaveGuard({
  when,
  title,
  text,
  stayLabel,
  leaveLabel,
}: {
  when: boolean;
  title: string;
  text: string;
  stayLabel: string;
  leaveLabel: string;
}) {
  const t = useT();
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      when && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!when) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [when]);
  return (
    <Dialog
      open={blocker.state === 'blocked'}
      title={title}
      closeLabel={t('common.close')}
      size="sm"
      onClose={() => blocker.reset?.()}
      footer={
        <>
          <Button onClick={() => blocker.reset?.()}>{stayLabel}</Button>
          <Button variant="danger" onClick={() => blocker.proceed?.()}>
            {leaveLabel}
          </Button>
        </>
      }
    >
      <p>{text}</p>
    </Dialog>
  );
}
