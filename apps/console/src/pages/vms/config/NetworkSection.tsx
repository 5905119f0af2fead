import { type VmDetail } from '@dvp/api';
import { Controller, useFormContext } from 'react-hook-form';
import { useT } from '../../../i18n/i18n.tsx';
import { Switch, TextInput } from '../../../ui/Field.tsx';
import { NetworkList } from './NetworkList.tsx';
import { type ConfigValues, nameOf } from './values.ts';

const IPV4 = /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/**
 * Networks (`spec.networks`, see NetworkList) and the IP address. "Auto" leaves
 * `virtualMachineIPAddressName` unset (the controller creates a VMIP); a static address is a new
 * `Static` VirtualMachineIPAddress the VM then references; an existing VMIP can be named too.
 * "Keep after delete" is the seeds' procedure: the VMIP loses its ownerReference to the VM.
 */
export function NetworkSection({ detail }: { detail: VmDetail }) {
  const t = useT();
  const { register, control, watch, formState } = useFormContext<ConfigValues>();
  const ip = detail.ipAddress;
  const newStatic = watch('newStaticIp').trim() !== '';
  return (
    <section className="config-section" aria-labelledby="cfg-network">
      <h2 id="cfg-network">{t('vm-config.section.network')}</h2>
      <NetworkList />
      <p>
        {t('vm-config.currentIp', {
          address: ip?.status?.address ?? detail.vm.status?.ipAddress ?? '—',
          name: ip?.metadata.name ?? '—',
          type: ip?.spec?.type ?? '—',
        })}
      </p>
      <div className="config-grid">
        <TextInput
          label={t('vm-config.ipName')}
          hint={t('vm-config.ipNameHint')}
          disabled={newStatic}
          error={formState.errors.ipName?.message}
          {...register('ipName')}
        />
        <TextInput
          label={t('vm-config.staticIp')}
          hint={t('vm-config.staticIpHint')}
          inputMode="decimal"
          error={formState.errors.newStaticIp?.message}
          {...register('newStaticIp', {
            validate: (s) => s.trim() === '' || IPV4.test(s.trim()) || t('vm-config.ipInvalid'),
          })}
        />
        {ip ? (
          <Controller
            control={control}
            name="keepIp"
            render={({ field }) => (
              <Switch
                label={t('vm-config.keepIp')}
                hint={t('vm-config.keepIpHint', { name: nameOf(ip) })}
                checked={field.value}
                onChange={field.onChange}
              />
            )}
          />
        ) : null}
      </div>
    </section>
  );
}
