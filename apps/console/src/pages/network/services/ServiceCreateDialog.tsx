import { useDeferredValue, useState } from 'react';
import { flushSync } from 'react-dom';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import { api, call } from '../../../api/client.ts';
import { FormError } from '../../../components/form/FormError.tsx';
import { useT, type MessageKey } from '../../../i18n/i18n.tsx';
import { toast } from '../../../stores/toast.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { TextInput } from '../../../ui/Field.tsx';
import { showServerError, type Failure } from '../form-errors.ts';
import { NetLeaveGuard } from '../NetLeaveGuard.tsx';
import { MatchedVms } from './matched-vms.tsx';
import { PortRows } from './PortRows.tsx';
import { SelectorRows } from './SelectorRows.tsx';
import {
  SERVICE_KINDS,
  defaultServiceValues,
  nameProblem,
  selectorMap,
  selectorQuery,
  serviceCauseFields,
  toServiceBody,
  type ServiceValues,
} from './service-model.ts';

/**
 * "Create" on Network → Services: a Service for VMs by label (ClusterIP, headless, NodePort,
 * LoadBalancer), showing live which VMs the selector matches while it is typed.
 */
export function ServiceCreateDialog({
  namespace,
  onClose,
  onCreated,
}: {
  namespace: string;
  onClose: () => void;
  onCreated: (name: string) => void;
}) {
  const t = useT();
  const form = useForm<ServiceValues>({ defaultValues: defaultServiceValues() });
  const { register, handleSubmit, formState, setError, control } = form;
  const [failure, setFailure] = useState<Failure>();
  const [done, setDone] = useState(false);
  const rows = useWatch({ control, name: 'selector' });
  const selector = useDeferredValue(selectorQuery(selectorMap(rows)));

  const onSubmit = handleSubmit(async (v) => {
    setFailure(undefined);
    try {
      await call(api.resourceCreate, {
        params: { namespace, resource: 'services' },
        body: toServiceBody(v),
      });
      toast('success', t('network.svc.created', { name: v.name.trim() }));
      // The guard must be off before the navigation is attempted.
      flushSync(() => setDone(true));
      onCreated(v.name.trim());
    } catch (e) {
      setFailure(showServerError(t, e, serviceCauseFields(v), setError));
    }
  });

  const formId = 'create-service';
  return (
    <Dialog
      open
      onClose={onClose}
      size="lg"
      title={t('network.svc.createTitle')}
      closeLabel={t('common.close')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" type="submit" form={formId} loading={formState.isSubmitting}>
            {t('common.create')}
          </Button>
        </>
      }
    >
      <FormProvider {...form}>
        <form id={formId} className="net-form" noValidate onSubmit={(e) => void onSubmit(e)}>
          <TextInput
            label={t('common.name')}
            required
            autoComplete="off"
            placeholder="linux-vm-nginx"
            error={formState.errors.name?.message}
            {...register('name', {
              validate: (s) => {
                const p = nameProblem(s);
                return p ? t(`network.err.${p}` as MessageKey) : true;
              },
            })}
          />
          <fieldset className="net-kinds">
            <legend>{t('network.svc.type')}</legend>
            {SERVICE_KINDS.map((k) => (
              <label key={k} className="net-kind">
                <input type="radio" value={k} {...register('kind')} />
                <span>
                  <strong>{t(`network.svc.kind.${k}`)}</strong>
                  <span className="field-hint">{t(`network.svc.kindHint.${k}`)}</span>
                </span>
              </label>
            ))}
            {formState.errors.kind?.message ? (
              <p className="field-error" role="alert">
                {formState.errors.kind.message}
              </p>
            ) : null}
          </fieldset>
          <SelectorRows />
          <MatchedVms namespace={namespace} selector={selector} />
          <PortRows />
          {failure ? <FormError error={failure.error} unmapped={failure.rest} /> : null}
        </form>
      </FormProvider>
      <NetLeaveGuard when={formState.isDirty && !done} />
    </Dialog>
  );
}
