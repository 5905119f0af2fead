import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { useT, type MessageKey } from '../../../i18n/i18n.tsx';
import { SelectInput, TextInput } from '../../../ui/Field.tsx';
import {
  PROTOCOLS,
  emptyPort,
  hasNodePorts,
  nodePortProblem,
  portNameProblem,
  portProblem,
  targetPortProblem,
  type ServiceValues,
} from './service-model.ts';
import { FieldRows } from './FieldRows.tsx';

/** Port rows: name, port, target port, protocol, and a node port for NodePort/LoadBalancer. */
export function PortRows() {
  const t = useT();
  const { control, register, formState, getValues } = useFormContext<ServiceValues>();
  const { fields, append, remove } = useFieldArray({
    control,
    name: 'ports',
    rules: {
      // kube: every service but a headless one needs a port.
      validate: (ports) =>
        getValues('kind') === 'Headless' || ports.length > 0 || t('network.err.portsRequired'),
    },
  });
  const kind = useWatch({ control, name: 'kind' });
  const errors = formState.errors.ports;
  const msg = (p: string | undefined) => (p ? t(`network.err.${p}` as MessageKey) : true);
  const headless = kind === 'Headless';
  return (
    <FieldRows
      legend={t('network.svc.ports')}
      hint={headless ? t('network.svc.portsHeadless') : t('network.svc.portsHint')}
      rowKeys={fields.map((f) => f.id)}
      rowClassName="net-row net-row-ports"
      rowLegend={(n) => t('network.svc.portRow', { n })}
      removeLabel={(n) => t('network.svc.removePort', { n })}
      onRemove={remove}
      error={errors?.root?.message}
      addLabel={t('network.svc.addPort')}
      onAdd={() => append(emptyPort())}
      renderRow={(i) => (
        <>
          <TextInput
            label={t('network.svc.portName')}
            autoComplete="off"
            placeholder="http"
            error={errors?.[i]?.name?.message}
            {...register(`ports.${i}.name`, {
              validate: () => msg(portNameProblem(getValues('ports'), i)),
            })}
          />
          <TextInput
            label={t('network.svc.port')}
            inputMode="numeric"
            autoComplete="off"
            placeholder="80"
            error={errors?.[i]?.port?.message}
            {...register(`ports.${i}.port`, { validate: (v) => msg(portProblem(v)) })}
          />
          <TextInput
            label={t('network.svc.targetPort')}
            autoComplete="off"
            placeholder="80"
            error={errors?.[i]?.targetPort?.message}
            {...register(`ports.${i}.targetPort`, { validate: (v) => msg(targetPortProblem(v)) })}
          />
          <SelectInput
            label={t('network.svc.protocol')}
            options={PROTOCOLS.map((p) => ({ value: p, label: p }))}
            {...register(`ports.${i}.protocol`)}
          />
          {hasNodePorts(kind) ? (
            <TextInput
              label={t('network.svc.nodePort')}
              inputMode="numeric"
              autoComplete="off"
              placeholder="31880"
              hint={t('network.svc.nodePortHint')}
              error={errors?.[i]?.nodePort?.message}
              {...register(`ports.${i}.nodePort`, { validate: (v) => msg(nodePortProblem(v)) })}
            />
          ) : null}
        </>
      )}
    />
  );
}
