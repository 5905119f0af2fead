import type { VmDetail } from '@dvp/api';
import { useFormContext } from 'react-hook-form';
import { PhaseBadge } from '../../../components/PhaseBadge.tsx';
import { useT } from '../../../i18n/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { DiskPicker } from './DiskPicker.tsx';
import { DiskSize } from './DiskSize.tsx';
import { type ConfigValues, nameOf } from './values.ts';

/**
 * "Additional Disks": hotplugged VirtualDisks, one VirtualMachineBlockDeviceAttachment each
 * (with its phase). Attach creates a VMBDA, detach deletes it — both on Save.
 */
export function AdditionalDisks({ detail, freeDisks }: { detail: VmDetail; freeDisks: string[] }) {
  const t = useT();
  const { watch, setValue } = useFormContext<ConfigValues>();
  const attach = watch('attach');
  const detach = watch('detach');
  const choices = freeDisks.filter((d) => !attach.includes(d));
  const set = (name: 'attach' | 'detach', v: string[]) => setValue(name, v, { shouldDirty: true });
  return (
    <div>
      <h3>{t('vm-config.additionalDisks')}</h3>
      {detail.attachments.length === 0 && attach.length === 0 ? (
        <p className="muted">{t('vm-config.noAdditionalDisks')}</p>
      ) : null}
      <ul className="config-list" aria-label={t('vm-config.additionalDisks')}>
        {detail.attachments.map((a) => {
          const name = nameOf(a);
          const disk = a.spec.blockDeviceRef.name ?? '';
          const leaving = detach.includes(name);
          return (
            <li key={a.metadata.uid ?? name} className="config-item">
              <span className="config-item-name">
                {disk} <span className="muted">({a.spec.blockDeviceRef.kind})</span>
              </span>
              <PhaseBadge phase={a.status?.phase ?? 'Pending'} />
              {leaving ? <span className="muted">{t('vm-config.willDetach')}</span> : null}
              {a.spec.blockDeviceRef.kind === 'VirtualDisk' ? (
                <DiskSize detail={detail} disk={disk} />
              ) : null}
              <Button
                size="sm"
                aria-label={t(leaving ? 'vm-config.undoNamed' : 'vm-config.detachNamed', {
                  name: disk,
                })}
                onClick={() =>
                  set('detach', leaving ? detach.filter((n) => n !== name) : [...detach, name])
                }
              >
                {leaving ? t('vm-config.undo') : t('vm-config.detach')}
              </Button>
            </li>
          );
        })}
        {attach.map((disk) => (
          <li key={`new-${disk}`} className="config-item">
            <span className="config-item-name">{disk}</span>
            <span className="muted">{t('vm-config.willAttach')}</span>
            <Button
              size="sm"
              aria-label={t('vm-config.undoNamed', { name: disk })}
              onClick={() =>
                set(
                  'attach',
                  attach.filter((d) => d !== disk),
                )
              }
            >
              {t('vm-config.undo')}
            </Button>
          </li>
        ))}
      </ul>
      <DiskPicker
        label={t('vm-config.attachDisk')}
        action={t('vm-config.attach')}
        choices={choices}
        onPick={(d) => set('attach', [...attach, d])}
      />
    </div>
  );
}
