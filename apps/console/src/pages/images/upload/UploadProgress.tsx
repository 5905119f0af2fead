import { errorText } from '../../../api/error-text.ts';
import { formatBytes } from '../../../i18n/format.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { isActive, uploads, type UploadJob } from '../../../stores/uploads.ts';
import { Button } from '../../../ui/Button.tsx';
import { ProgressBar } from '../ProgressBar.tsx';
import { formatDuration, percentOf, secondsLeft } from './format.ts';

/** What the upload is doing, in words (one live status line). */
export function useUploadStatus(job: UploadJob): string {
  const { t } = useI18n();
  switch (job.phase) {
    case 'starting':
      return t('images.upload.starting');
    case 'uploading':
      return t('images.upload.uploading');
    case 'reconnecting':
      return t('images.upload.reconnecting', { attempt: job.attempt });
    case 'throttled':
      return t('images.upload.throttled');
    case 'verifying':
      return t('images.upload.verifying');
    case 'done':
      return t('images.upload.done');
    case 'cancelled':
      return t('images.upload.cancelled');
    case 'failed':
      return t('images.upload.failed', { message: errorText(t, job.error) });
  }
}

/**
 * An upload in full: bar with percentage, bytes sent of total, speed and time left, what it is
 * doing, and Cancel / Retry / Hide.
 */
export function UploadProgress({ job, compact }: { job: UploadJob; compact?: boolean }) {
  const { t, locale } = useI18n();
  const status = useUploadStatus(job);
  const pct = percentOf(job);
  const left = secondsLeft(job);
  const active = isActive(job);
  return (
    <div className={`img-upload img-upload-${job.phase}${compact ? ' img-upload-compact' : ''}`}>
      <ProgressBar label={t('images.upload.bar', { file: job.fileName })} percent={pct} />
      <p className="img-upload-figures">
        <span>
          {t('images.upload.amount', {
            percent: pct,
            sent: formatBytes(locale, job.sent),
            total: formatBytes(locale, job.size),
          })}
        </span>
        {active && job.speed > 0 ? (
          <span>{t('images.upload.speed', { speed: formatBytes(locale, job.speed) })}</span>
        ) : null}
        {active && left !== undefined ? (
          <span>{t('images.upload.timeLeft', { time: formatDuration(t, left) })}</span>
        ) : null}
      </p>
      <p
        className={`img-upload-status${job.phase === 'failed' ? ' img-upload-error' : ''}`}
        role="status"
      >
        {status}
      </p>
      <div className="img-upload-actions">
        {active ? (
          <Button size="sm" onClick={() => uploads.cancel(job.key)}>
            {t('images.upload.cancel')}
          </Button>
        ) : null}
        {job.phase === 'failed' ? (
          <Button size="sm" variant="primary" onClick={() => uploads.retry(job.key)}>
            {t('common.retry')}
          </Button>
        ) : null}
        {!active ? (
          <Button size="sm" variant="ghost" onClick={() => uploads.dismiss(job.key)}>
            {t('images.upload.dismiss')}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
