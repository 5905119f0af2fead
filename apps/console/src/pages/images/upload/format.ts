import type { Translate } from '../../../i18n/i18n.tsx';
import type { UploadJob } from '../../../stores/uploads.ts';

/** Seconds as "42 s", "3 min 5 s", "1 h 20 min". */
export function formatDuration(t: Translate, seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('images.upload.time.s', { s });
  if (s < 3600) return t('images.upload.time.m', { m: Math.floor(s / 60), s: s % 60 });
  return t('images.upload.time.h', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
}

/** Percent sent (0–100, floored so 100 means every byte is in). */
export function percentOf(job: UploadJob): number {
  if (job.size <= 0) return 0;
  return Math.floor((job.sent / job.size) * 1000) / 10;
}

/** Seconds left at the current speed, when there is a speed to go by. */
export function secondsLeft(job: UploadJob): number | undefined {
  if (job.speed <= 0 || job.sent >= job.size) return undefined;
  return (job.size - job.sent) / job.speed;
}
