import { compareQuantities, tryParseQuantity, type VmDetail } from '@dvp/api';
import { useFormContext } from 'react-hook-form';
import { formatQuantity } from '../../../i18n/format.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { TextInput } from '../../../ui/Field.tsx';
import { type ConfigValues, nameOf } from './values.ts';

/**
 * The size field of one VirtualDisk (resize grows only; a PVC cannot shrink), with the capacity
 * the disk reports now (`status.capacity`, live), so a resize shows when it took effect.
 */
export function DiskSize({
  detail,
  disk,
  capacity,
}: {
  detail: VmDetail;
  disk: string;
  /** The disk's live `status.capacity` (the list watch); the detail's copy when absent. */
  capacity?: string | undefined;
}) {
  const { t, locale } = useI18n();
  const { register, getValues, formState } = useFormContext<ConfigValues>();
  const i = getValues('sizes').findIndex((s) => s.name === disk);
  const d = detail.disks.find((x) => nameOf(x) === disk);
  if (i < 0 || !d) return null;
  const reported = capacity ?? (d.status?.capacity ? String(d.status.capacity) : undefined);
  const current = String(reported ?? d.spec.persistentVolumeClaim?.size ?? '');
  return (
    <span className="config-size">
      <TextInput
        label={t('vm-config.sizeOf', { name: disk })}
        error={formState.errors.sizes?.[i]?.size?.message}
        hint={
          reported ? t('vm-config.capacity', { size: formatQuantity(locale, reported) }) : undefined
        }
        {...register(`sizes.${i}.size` as const, {
          validate: (s) =>
            s.trim() === '' ||
            growOnly(current, s.trim()) ||
            t('vm-config.growOnly', { size: current }),
        })}
      />
    </span>
  );
}

/** Grow-only check of a new disk size against what the disk has now. */
export function growOnly(current: string, next: string): boolean {
  const a = tryParseQuantity(current);
  const b = tryParseQuantity(next);
  if (!b) return false;
  return !a || compareQuantities(b, a) >= 0;
}
