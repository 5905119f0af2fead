import { Badge, type Tone } from '../ui/Badge.tsx';
import { useT, type MessageKey } from '../i18n/i18n.tsx';

const TONES: Record<string, Tone> = {
  Running: 'success',
  Ready: 'success',
  Completed: 'success',
  Bound: 'success',
  Attached: 'success',
  Pending: 'neutral',
  Starting: 'info',
  Stopping: 'info',
  Migrating: 'info',
  Provisioning: 'info',
  WaitForUserUpload: 'info',
  WaitForFirstConsumer: 'info',
  InProgress: 'info',
  Resizing: 'info',
  Stopped: 'neutral',
  Pause: 'warning',
  Paused: 'warning',
  Terminating: 'warning',
  Degraded: 'warning',
  Failed: 'danger',
  Lost: 'danger',
  PVCLost: 'danger',
  ImageLost: 'danger',
  Terminated: 'neutral',
};

/** A phase with a colour (and the phase word itself, so colour is never the only signal). */
export function PhaseBadge({ phase }: { phase: string }) {
  const t = useT();
  const key = `phase.${phase}` as MessageKey;
  const text = t(key);
  return <Badge tone={TONES[phase] ?? 'neutral'}>{text === key ? phase : text}</Badge>;
}
