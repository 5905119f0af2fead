import type { Service } from '@dvp/api';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { api, call } from '../../../api/client.ts';
import { q } from '../../../api/query.ts';
import { errorText } from '../../../api/error-text.ts';
import { FormError } from '../../../components/form/FormError.tsx';
import { useT, type MessageKey } from '../../../i18n/i18n.tsx';
import { toast } from '../../../stores/toast.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { SelectInput, TextInput } from '../../../ui/Field.tsx';
import { showServerError, type Failure } from '../form-errors.ts';
import { NetLeaveGuard } from '../NetLeaveGuard.tsx';
import {
  INGRESS_CAUSES,
  PATH_TYPES,
  defaultIngressValues,
  hostProblem,
  ingressNameProblem,
  ingressPortProblem,
  pathProblem,
  toIngressBody,
  type IngressValues,
} from './ingress-model.ts';

const portValue = (p: { port: number; name?: string | undefined }) => String(p.port);

/**
 * "Create Ingress" on Network → Ingresses: a host and path routed to one of the project's
 * services (its port chosen from the service's ports), an optional class and TLS secret.
 */
export function IngressCreateDialog({
  namespace,
  service,
  onClose,
}: {
  namespace: string;
  /** A service to preselect (from its page's "Create Ingress"). */
  service?: string | undefined;
  onClose: () => void;
}) {
  const t = useT();
  const services = useQuery({
    ...q(api.resourceList, { namespace, resource: 'services' }, { limit: 500 }),
    refetchOnMount: 'always',
  });
  // The form starts once the services are known, so a preselected one brings its first port.
  // A cached list may predate the preselected service (just created): wait for the refetch.
  const cached = services.data ? (services.data.items as Service[]) : undefined;
  const list =
    cached && !(service && services.isFetching && !cached.some((s) => s.metadata.name === service))
      ? cached
      : undefined;
  const [busy, setBusy] = useState(false);
  return (
    <Dialog
      open
      onClose={onClose}
      title={t('network.ing.create')}
      closeLabel={t('common.close')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            variant="primary"
            type="submit"
            form={FORM_ID}
            loading={busy}
            disabledReason={list ? undefined : t('common.loading')}
          >
            {t('common.create')}
          </Button>
        </>
      }
    >
      {services.error ? (
        <p role="alert" className="banner banner-danger">
          {errorText(t, services.error)}
        </p>
      ) : list ? (
        <IngressForm
          namespace={namespace}
          services={list}
          service={service}
          onBusy={setBusy}
          onDone={onClose}
        />
      ) : (
        <p role="status">{t('common.loading')}</p>
      )}
    </Dialog>
  );
}

const FORM_ID = 'create-ingress';

function IngressForm({
  namespace,
  services: list,
  service,
  onBusy,
  onDone,
}: {
  namespace: string;
  services: Service[];
  service: string | undefined;
  onBusy: (busy: boolean) => void;
  onDone: () => void;
}) {
  const t = useT();
  const first = list.find((s) => s.metadata.name === service)?.spec?.ports?.[0];
  const form = useForm<IngressValues>({
    defaultValues: {
      ...defaultIngressValues(first ? (service ?? '') : ''),
      port: first ? portValue(first) : '',
    },
  });
  const { register, handleSubmit, formState, setError, setValue, control } = form;
  const [failure, setFailure] = useState<Failure>();
  const chosen = useWatch({ control, name: 'service' });
  const ports = list.find((s) => s.metadata.name === chosen)?.spec?.ports ?? [];
  const msg = (p: string | undefined) => (p ? t(`network.err.${p}` as MessageKey) : true);

  const onSubmit = handleSubmit(async (v) => {
    setFailure(undefined);
    onBusy(true);
    try {
      await call(api.resourceCreate, {
        params: { namespace, resource: 'ingresses' },
        body: toIngressBody(v),
      });
      toast('success', t('network.ing.created', { name: v.name.trim() }));
      form.reset(v);
      onDone();
    } catch (e) {
      setFailure(showServerError(t, e, INGRESS_CAUSES, setError));
    } finally {
      onBusy(false);
    }
  });

  return (
    <>
      <form id={FORM_ID} className="net-form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <TextInput
          label={t('common.name')}
          required
          autoComplete="off"
          placeholder="linux-vm"
          error={formState.errors.name?.message}
          {...register('name', { validate: (s) => msg(ingressNameProblem(s)) })}
        />
        <TextInput
          label={t('network.ing.host')}
          autoComplete="off"
          placeholder="linux-vm.example.com"
          hint={t('network.ing.hostHint')}
          error={formState.errors.host?.message}
          {...register('host', { validate: (s) => msg(hostProblem(s)) })}
        />
        <div className="net-pair">
          <TextInput
            label={t('network.ing.path')}
            autoComplete="off"
            error={formState.errors.path?.message}
            {...register('path', { validate: (s) => msg(pathProblem(s)) })}
          />
          <SelectInput
            label={t('network.ing.pathType')}
            options={PATH_TYPES.map((p) => ({ value: p, label: p }))}
            {...register('pathType')}
          />
        </div>
        <div className="net-pair">
          <SelectInput
            label={t('network.ing.service')}
            required
            error={formState.errors.service?.message}
            options={[
              { value: '', label: t('network.ing.chooseService'), disabled: true },
              ...list.map((s) => ({ value: s.metadata.name ?? '', label: s.metadata.name ?? '' })),
            ]}
            {...register('service', {
              validate: (s) => (s ? true : t('network.err.required')),
              onChange: (e: { target: { value: string } }) => {
                const p = list.find((s) => s.metadata.name === e.target.value)?.spec?.ports?.[0];
                setValue('port', p ? portValue(p) : '', { shouldDirty: true });
              },
            })}
          />
          {ports.length ? (
            <SelectInput
              label={t('network.ing.port')}
              required
              error={formState.errors.port?.message}
              options={[
                { value: '', label: t('network.ing.choosePort'), disabled: true },
                ...ports.map((p) => ({
                  value: portValue(p),
                  label: p.name ? `${p.port} (${p.name})` : String(p.port),
                })),
              ]}
              {...register('port', { validate: (s) => msg(ingressPortProblem(s)) })}
            />
          ) : (
            <TextInput
              label={t('network.ing.port')}
              required
              inputMode="numeric"
              autoComplete="off"
              placeholder="80"
              error={formState.errors.port?.message}
              {...register('port', { validate: (s) => msg(ingressPortProblem(s)) })}
            />
          )}
        </div>
        {list.length === 0 ? <p className="field-hint">{t('network.ing.noServices')}</p> : null}
        <TextInput
          label={t('network.ing.class')}
          autoComplete="off"
          placeholder="nginx"
          hint={t('network.ing.classHint')}
          {...register('ingressClassName')}
        />
        <TextInput
          label={t('network.ing.tls')}
          autoComplete="off"
          hint={t('network.ing.tlsHint')}
          error={formState.errors.tlsSecret?.message}
          {...register('tlsSecret')}
        />
        {failure ? <FormError error={failure.error} unmapped={failure.rest} /> : null}
      </form>
      <NetLeaveGuard when={formState.isDirty && !formState.isSubmitSuccessful} />
    </>
  );
}
