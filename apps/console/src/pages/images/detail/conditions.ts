import type { Condition } from '@dvp/api';
import type { MessageKey } from '../../../i18n/i18n.tsx';

export type Tone = 'success' | 'info' | 'warning' | 'danger' | 'neutral';

/** A condition of an image in words: the sentence (`images.cond.*`) and how loudly. */
export interface ImageDiagnostic {
  key: MessageKey;
  tone: Tone;
  /** Show the cluster's own reason and message too. */
  detail: boolean;
}

const READY_REASONS: Record<string, [MessageKey, Tone]> = {
  WaitForUserUpload: ['images.cond.Ready.WaitForUserUpload', 'info'],
  WaitForUserUploadTimeout: ['images.cond.Ready.WaitForUserUploadTimeout', 'danger'],
  Provisioning: ['images.cond.Ready.Provisioning', 'info'],
  ProvisioningNotStarted: ['images.cond.Ready.ProvisioningNotStarted', 'neutral'],
  ProvisioningFailed: ['images.cond.Ready.ProvisioningFailed', 'danger'],
  ProvisioningFailedTerminally: ['images.cond.Ready.ProvisioningFailed', 'danger'],
  ImageLost: ['images.cond.Ready.ImageLost', 'danger'],
};

/** Maps a VI/CVI condition (dvp-api.md §6) to its sentence. */
export function diagnoseImage(c: Pick<Condition, 'type' | 'status' | 'reason'>): ImageDiagnostic {
  if (c.status === 'Unknown') return { key: 'images.cond.unknown', tone: 'neutral', detail: true };
  const ok = c.status === 'True';
  switch (c.type) {
    case 'Ready': {
      if (ok) return { key: 'images.cond.Ready.ok', tone: 'success', detail: false };
      const [key, tone] = READY_REASONS[c.reason] ?? ['images.cond.Ready.bad', 'warning'];
      return { key, tone, detail: true };
    }
    case 'DatasourceReady':
      return ok
        ? { key: 'images.cond.DatasourceReady.ok', tone: 'success', detail: false }
        : { key: 'images.cond.DatasourceReady.bad', tone: 'warning', detail: true };
    case 'StorageClassReady':
      if (ok) return { key: 'images.cond.StorageClassReady.ok', tone: 'success', detail: false };
      // Registry storage needs no storage class: the cluster says so, nothing is wrong.
      if (c.reason === 'DVCRTypeUsed')
        return { key: 'images.cond.StorageClassReady.dvcr', tone: 'neutral', detail: false };
      return { key: 'images.cond.StorageClassReady.bad', tone: 'warning', detail: true };
    case 'InUse':
      return ok
        ? { key: 'images.cond.InUse.ok', tone: 'info', detail: false }
        : { key: 'images.cond.InUse.bad', tone: 'neutral', detail: false };
    default:
      return { key: 'images.cond.generic', tone: ok ? 'neutral' : 'warning', detail: true };
  }
}

const RANK: Record<Tone, number> = { danger: 0, warning: 1, info: 2, neutral: 3, success: 4 };

/** Problems first, then the rest in the cluster's order. */
export function sortImageConditions<T extends Pick<Condition, 'type' | 'status' | 'reason'>>(
  conditions: readonly T[],
): { condition: T; diagnostic: ImageDiagnostic }[] {
  return conditions
    .map((condition) => ({ condition, diagnostic: diagnoseImage(condition) }))
    .sort((a, b) => RANK[a.diagnostic.tone] - RANK[b.diagnostic.tone]);
}
