import type { KubeObject } from '@dvp/api';
import type { SelectHTMLAttributes } from 'react';
import { useT } from '../../../i18n/i18n.tsx';
import { SelectInput } from '../../../ui/Field.tsx';
import { bindingModeOf } from '../data.ts';

/**
 * "StorageClass Name": the default class preselected (as the empty value: the cluster applies its
 * default, exactly as the seed's "leave the default selection"), the others by name. Says when
 * the chosen class binds on first consumer.
 */
export function StorageClassField({
  classes,
  defaultName,
  pending,
  error,
  selected,
  ref,
  ...rest
}: SelectHTMLAttributes<HTMLSelectElement> & {
  classes: KubeObject[];
  defaultName: string;
  pending: boolean;
  error: string | undefined;
  /** The current value (the select itself is registered uncontrolled). */
  selected: string;
  ref?: React.Ref<HTMLSelectElement>;
}) {
  const t = useT();
  const chosen = selected || defaultName;
  const wffc =
    bindingModeOf(classes.find((c) => c.metadata.name === chosen)) === 'WaitForFirstConsumer';
  return (
    <SelectInput
      {...rest}
      ref={ref}
      label={t('disks.create.storageClass')}
      error={error}
      hint={wffc ? t('disks.wffc.hint') : undefined}
      options={[
        {
          value: '',
          label: defaultName
            ? t('disks.create.storageClassDefault', { name: defaultName })
            : pending
              ? t('common.loading')
              : t('disks.create.storageClassCluster'),
        },
        ...classes
          .map((c) => c.metadata.name ?? '')
          .filter((n) => n && n !== defaultName)
          .map((n) => ({ value: n, label: n })),
      ]}
    />
  );
}
