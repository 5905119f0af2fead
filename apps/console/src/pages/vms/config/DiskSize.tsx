import { compareQuantities, tryParseQuantity, type VmDetail } from '@dvp/api';
import { useFormContext } from 'react-hook-form';
import { useT } from '../../../i18n/i18n.tsx';
import { TextInput } from '../../../ui/Field.tsx';
import { type ConfigValues, nameOf } from './values.ts';

/** The size field of one VirtualDisk (resize grows only; a PVC cannot shrink). */
export function DiskSize({ detail, disk }: { detail: VmDetail; disk: string }) {
  const t = useT();
  const { register, getValues, formState } = useFormContext<ConfigValues>();
  const i = getValues('sizes').findIndex((s) => s.name === disk);
  const d = detail.disks.find((x) => nameOf(x) === disk);
  if (i < 0 || !d) return null;
  const current = String(d.status?.capacity ?? d.spec.persistentVolumeClaim?.size ?? '');
  return (
    <span className="config-size">
      <TextInput
        label={t('vm-config.sizeOf', { name: disk })}
        error={formState.errors.sizes?.[i]?.size?.message}
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
