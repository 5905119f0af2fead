import { useContext, useEffect, useRef, useState } from 'react';
import { UNSAFE_DataRouterContext, useBlocker } from 'react-router';
import { useT } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';

function LeaveDialog({
  open,
  onStay,
  onLeave,
}: {
  open: boolean;
  onStay: () => void;
  onLeave: () => void;
}) {
  const t = useT();
  return (
    <Dialog
      open={open}
      title={t('vm-create.leave.title')}
      closeLabel={t('common.close')}
      size="sm"
      onClose={onStay}
      footer={
        <>
          <Button onClick={onStay}>{t('vm-create.leave.stay')}</Button>
          <Button variant="danger" onClick={onLeave}>
            {t('vm-create.leave.go')}
          </Button>
        </>
      }
    >
      <p>{t('vm-create.leave')}</p>
    </Dialog>
  );
}

/** Data routers: react-router's blocker holds every navigation to another path. */
function BlockerGuard({ when }: { when: boolean }) {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      when && currentLocation.pathname !== nextLocation.pathname,
  );
  return (
    <LeaveDialog
      open={blocker.state === 'blocked'}
      onStay={() => blocker.reset?.()}
      onLeave={() => blocker.proceed?.()}
    />
  );
}

/**
 * `<BrowserRouter>` has no blocker (`useBlocker` needs a data router), so in-app links are
 * caught in the capture phase and replayed once the user chooses to leave.
 */
function LinkGuard({ when }: { when: boolean }) {
  const [pending, setPending] = useState<HTMLAnchorElement | null>(null);
  const bypass = useRef(false);
  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      if (!when || bypass.current || e.defaultPrevented || e.button !== 0) return;
      if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return; // opens elsewhere
      const a = (e.target as Element | null)?.closest?.('a[href]');
      if (!(a instanceof HTMLAnchorElement) || a.target === '_blank') return;
      const url = new URL(a.href, location.href);
      if (url.origin !== location.origin || url.pathname === location.pathname) return;
      e.preventDefault();
      e.stopPropagation();
      setPending(a);
    };
    document.addEventListener('click', onClick, true);
    return () => document.removeEventListener('click', onClick, true);
  }, [when]);
  return (
    <LeaveDialog
      open={pending !== null}
      onStay={() => setPending(null)}
      onLeave={() => {
        const a = pending;
        setPending(null);
        bypass.current = true;
        a?.click();
        bypass.current = false;
      }}
    />
  );
}

/**
 * Unsaved-changes guard: in-app navigation asks first, closing the tab warns natively
 * (`onbeforeunload`).
 */
export function LeaveGuard({ when }: { when: boolean }) {
  const dataRouter = useContext(UNSAFE_DataRouterContext);
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (when) e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [when]);
  return dataRouter ? <BlockerGuard when={when} /> : <LinkGuard when={when} />;
}
