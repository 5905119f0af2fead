import { useT } from '../../i18n/i18n.tsx';
import { Badge, type Tone } from '../../ui/Badge.tsx';
import { REASON_TEXT, STATE_TEXT, type ConnState } from './connection.ts';

const TONE: Record<ConnState['status'], Tone> = {
  connecting: 'info',
  connected: 'success',
  disconnected: 'warning',
  failed: 'danger',
};

/** The connection state in words, announced politely to screen readers. */
export function ConnectionStatus({ state }: { state: ConnState }) {
  const t = useT();
  const reason = 'reason' in state ? t(REASON_TEXT[state.reason]) : '';
  return (
    <span className="console-status" role="status" aria-live="polite">
      <Badge tone={TONE[state.status]}>{t(STATE_TEXT[state.status], { reason })}</Badge>
    </span>
  );
}
