import { useState, type ReactNode } from 'react';
import { useCan } from '../../api/session.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { consoleAvailable, shortClient } from './connection.ts';
import { useConsoleGate, type ConsoleKind } from './useConsoleGate.ts';
import './consoles.css';

type Render = (session: number, reconnect: () => void) => ReactNode;

function formatSince(iso: string | undefined, locale: string): string | undefined {
  if (!iso) return undefined;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(
    new Date(iso),
  );
}

/**
 * Everything before a console connects: the VM must be Running or Migrating and the user allowed
 * to open it; then {@link GateFlow} probes the holder.
 */
export function ConsoleGate({
  kind,
  namespace,
  name,
  phase,
  children,
}: {
  kind: ConsoleKind;
  namespace: string;
  name: string;
  phase: string;
  children: Render;
}) {
  const { t } = useI18n();
  const can = useCan('get', `virtualmachines/${kind}`, namespace, name);
  if (!consoleAvailable(phase))
    return (
      <p className="console-message" role="status">
        {t('consoles.notRunning', { phase: phase || t('common.unknown') })}
      </p>
    );
  if (can.pending)
    return (
      <p className="console-message" role="status">
        {t('common.loading')}
      </p>
    );
  if (!can.allowed)
    return (
      <p className="console-message" role="alert">
        {t(kind === 'console' ? 'consoles.tty.forbidden' : 'consoles.vnc.forbidden')}
      </p>
    );
  return (
    <GateFlow kind={kind} namespace={namespace} name={name}>
      {children}
    </GateFlow>
  );
}

/**
 * Probe, then connect; a session held by someone else (another user, or this user in another
 * tab) is only taken over after confirmation. Renders `children(session, reconnect)` once the
 * console may connect.
 */
function GateFlow({
  kind,
  namespace,
  name,
  children,
}: {
  kind: ConsoleKind;
  namespace: string;
  name: string;
  children: Render;
}) {
  const { t, locale } = useI18n();
  const { gate, reconnect, takeOver } = useConsoleGate(kind, namespace, name);
  const [declined, setDeclined] = useState(false);

  if (gate.step === 'probing')
    return (
      <p className="console-message" role="status">
        {t('consoles.probing')}
      </p>
    );
  if (gate.step === 'held') {
    const { holder, startTime, client } = gate.holder;
    const text = t('consoles.held.text', {
      holder,
      since: formatSince(startTime, locale) ?? t('common.unknown'),
      client: client ? shortClient(client) : t('common.unknown'),
    });
    return (
      <div className="console-held">
        <p role="status">{text}</p>
        <Button variant="primary" onClick={() => setDeclined(false)}>
          {t('consoles.held.takeOver')}
        </Button>
        <Dialog
          open={!declined}
          title={t(kind === 'console' ? 'consoles.held.titleTty' : 'consoles.held.titleVnc')}
          closeLabel={t('common.close')}
          onClose={() => setDeclined(true)}
          footer={
            <>
              <Button onClick={() => setDeclined(true)}>{t('common.cancel')}</Button>
              <Button variant="danger" onClick={takeOver}>
                {t('consoles.held.takeOver')}
              </Button>
            </>
          }
        >
          <p>{text}</p>
          <p>{t('consoles.held.warning')}</p>
        </Dialog>
      </div>
    );
  }
  return (
    <>
      {children(gate.session, () => {
        setDeclined(false);
        reconnect();
      })}
    </>
  );
}
