import { isIpInVirtualMachineCidrs, isIpv4, validateObjectName } from '@dvp/api';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api, call } from '../../../api/client.ts';
import { q } from '../../../api/query.ts';
import { useCan } from '../../../api/session.tsx';
import { FormError } from '../../../components/form/FormError.tsx';
import { useT } from '../../../i18n/i18n.tsx';
import { toast } from '../../../stores/toast.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { TextInput } from '../../../ui/Field.tsx';
import { showServerError, type Failure } from '../form-errors.ts';

interface Values {
  name: string;
  address: string;
}

const CAUSES = { 'metadata.name': 'name', 'spec.staticIP': 'address', 'spec.type': 'address' };

/** `virtualMachineCIDRs` of the module, when this user may read its settings. */
function useVmCidrs(): string[] | undefined {
  const can = useCan('get', 'moduleconfigs');
  const mc = useQuery({
    ...q(api.clusterResourceView, { resource: 'moduleconfigs', name: 'virtualization' }),
    enabled: can.allowed,
  });
  const spec = mc.data?.spec as { settings?: { virtualMachineCIDRs?: string[] } } | undefined;
  return spec?.settings?.virtualMachineCIDRs;
}

/**
 * "Request a static address" (seed: "How to request a required IP address?"): a `Static`
 * VirtualMachineIPAddress. The address is checked against the module's subnets when they are
 * readable; otherwise (and for addresses taken elsewhere) the cluster's answer lands on the field.
 */
export function RequestStaticIpDialog({
  namespace,
  onClose,
}: {
  namespace: string;
  onClose: () => void;
}) {
  const t = useT();
  const cidrs = useVmCidrs();
  const [failure, setFailure] = useState<Failure>();
  const { register, handleSubmit, formState, setError } = useForm<Values>({
    defaultValues: { name: '', address: '' },
  });
  const onSubmit = handleSubmit(async (v) => {
    setFailure(undefined);
    try {
      await call(api.resourceCreate, {
        params: { namespace, resource: 'virtualmachineipaddresses' },
        body: {
          apiVersion: 'virtualization.deckhouse.io/v1alpha2',
          kind: 'VirtualMachineIPAddress',
          metadata: { name: v.name.trim() },
          spec: { type: 'Static', staticIP: v.address.trim() },
        },
      });
      toast('success', t('network.ip.request.done', { name: v.name, address: v.address }));
      onClose();
    } catch (e) {
      setFailure(showServerError(t, e, CAUSES, setError));
    }
  });
  const formId = 'request-static-ip';
  return (
    <Dialog
      open
      onClose={onClose}
      title={t('network.ip.request.title')}
      closeLabel={t('common.close')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" type="submit" form={formId} loading={formState.isSubmitting}>
            {t('network.ip.request.submit')}
          </Button>
        </>
      }
    >
      <form id={formId} className="net-form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <p>{t('network.ip.request.intro')}</p>
        <TextInput
          label={t('common.name')}
          required
          autoComplete="off"
          error={formState.errors.name?.message}
          {...register('name', {
            validate: (s) => {
              if (!s.trim()) return t('network.err.required');
              return validateObjectName('VirtualMachineIPAddress', s.trim()).length === 0
                ? true
                : t('network.err.name');
            },
          })}
        />
        <TextInput
          label={t('network.ip.address')}
          required
          inputMode="decimal"
          autoComplete="off"
          placeholder="10.66.20.77"
          hint={
            cidrs?.length
              ? t('network.ip.request.cidrs', { cidrs: cidrs.join(', ') })
              : t('network.ip.request.noCidrs')
          }
          error={formState.errors.address?.message}
          {...register('address', {
            validate: (s) => {
              const ip = s.trim();
              if (!ip) return t('network.err.required');
              if (!isIpv4(ip)) return t('network.ip.err.invalid');
              if (cidrs?.length && !isIpInVirtualMachineCidrs(ip, cidrs))
                return t('network.ip.err.outOfRange', { cidrs: cidrs.join(', ') });
              return true;
            },
          })}
        />
        <p className="field-hint">{t('network.ip.request.use')}</p>
        {failure ? <FormError error={failure.error} unmapped={failure.rest} /> : null}
      </form>
    </Dialog>
  );
}
