import { useId } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { defaultStorageClass, useClusterList } from '../../../components/vm-form/data.ts';
import { useT, type MessageKey } from '../../../i18n/i18n.tsx';
import { SelectInput, TextInput } from '../../../ui/Field.tsx';
import type { ImageScope } from '../scope.ts';
import { NAMESPACED_REF_KINDS, REF_KINDS, type ImageFormValues } from './build.ts';
import { useProjectNames, useRefNames, useSourceSuggestions } from './suggestions.ts';

type Form = ImageFormValues;

/** The form's field errors by name (read once per render, at the top of a component). */
function useErrors(): (name: keyof Form) => string | undefined {
  const { formState } = useFormContext<Form>();
  const { errors } = formState;
  return (name) => errors[name]?.message;
}

/** Suggestions for a text field (`<datalist>`), with a hint saying where they come from. */
function Suggestions({ id, values }: { id: string; values: string[] }) {
  return (
    <datalist id={id}>
      {values.map((v) => (
        <option key={v} value={v} />
      ))}
    </datalist>
  );
}

/** "URL" (HTTP source), suggesting links of the images the user can see. */
export function UrlField({ scope }: { scope: ImageScope }) {
  const t = useT();
  const err = useErrors();
  const { register } = useFormContext<Form>();
  const listId = useId();
  const { urls } = useSourceSuggestions(scope);
  return (
    <>
      <TextInput
        label={t('images.f.url')}
        required
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        placeholder="https://"
        list={urls.length ? listId : undefined}
        hint={
          urls.length
            ? `${t('images.f.urlHint')} ${t('images.f.suggestions', { count: urls.length })}`
            : t('images.f.urlHint')
        }
        error={err('url')}
        {...register('url')}
      />
      {urls.length ? <Suggestions id={listId} values={urls} /> : null}
    </>
  );
}

/** "Image in Container Registry" and its pull secret. */
export function RegistryFields({ scope }: { scope: ImageScope }) {
  const t = useT();
  const err = useErrors();
  const { register } = useFormContext<Form>();
  const listId = useId();
  const { images } = useSourceSuggestions(scope);
  const projects = useProjectNames(scope.cluster);
  const nsListId = useId();
  return (
    <>
      <TextInput
        label={t('images.f.image')}
        required
        autoComplete="off"
        spellCheck={false}
        list={images.length ? listId : undefined}
        hint={t('images.f.imageHint')}
        error={err('image')}
        {...register('image')}
      />
      {images.length ? <Suggestions id={listId} values={images} /> : null}
      <TextInput
        label={t('images.f.pullSecret')}
        autoComplete="off"
        hint={t('images.f.pullSecretHint')}
        error={err('pullSecret')}
        {...register('pullSecret')}
      />
      {scope.cluster ? (
        <>
          <TextInput
            label={t('images.f.pullSecretNamespace')}
            autoComplete="off"
            list={nsListId}
            error={err('pullSecretNamespace')}
            {...register('pullSecretNamespace')}
          />
          <Suggestions id={nsListId} values={projects} />
        </>
      ) : null}
    </>
  );
}

/** "From disk or image": the kind, (for cluster images) the project, and the name. */
export function RefFields({ scope }: { scope: ImageScope }) {
  const t = useT();
  const err = useErrors();
  const { register, control, setValue } = useFormContext<Form>();
  const kind = useWatch({ control, name: 'refKind' });
  const namespace = useWatch({ control, name: 'refNamespace' });
  const needsNs = scope.cluster && NAMESPACED_REF_KINDS.has(kind);
  const names = useRefNames(kind, scope.cluster ? namespace : scope.project);
  const projects = useProjectNames(needsNs);
  const listId = useId();
  const nsListId = useId();
  const kindField = register('refKind');
  return (
    <>
      <SelectInput
        label={t('images.f.refKind')}
        options={REF_KINDS.map((k) => ({ value: k, label: t(`images.kind.${k}` as MessageKey) }))}
        error={err('refKind')}
        {...kindField}
        onChange={(e) => {
          void kindField.onChange(e);
          setValue('refName', '');
        }}
      />
      {needsNs ? (
        <>
          <TextInput
            label={t('images.f.refNamespace')}
            required
            autoComplete="off"
            list={nsListId}
            error={err('refNamespace')}
            {...register('refNamespace')}
          />
          <Suggestions id={nsListId} values={projects} />
        </>
      ) : null}
      <TextInput
        label={t('images.f.refName')}
        required
        autoComplete="off"
        list={names.length ? listId : undefined}
        hint={t('images.f.refHint')}
        error={err('refName')}
        {...register('refName')}
      />
      {names.length ? <Suggestions id={listId} values={names} /> : null}
    </>
  );
}

/** "Storage" (project images): ContainerRegistry, or Kubernetes with a storage class. */
export function StorageFields() {
  const t = useT();
  const { register, control } = useFormContext<Form>();
  const storage = useWatch({ control, name: 'storage' });
  const classes = useClusterList('storageclasses');
  const fallback = defaultStorageClass(classes.items);
  const err = useErrors();
  const classError = err('storageClass');
  return (
    <>
      <SelectInput
        label={t('images.f.storage')}
        hint={t('images.f.storageHint')}
        options={[
          { value: 'ContainerRegistry', label: t('images.f.storage.registry') },
          { value: 'PersistentVolumeClaim', label: t('images.f.storage.pvc') },
        ]}
        error={err('storage')}
        {...register('storage')}
      />
      {storage === 'PersistentVolumeClaim' ? (
        classes.items.length ? (
          <SelectInput
            label={t('images.f.storageClass')}
            options={[
              {
                value: '',
                label: fallback
                  ? t('images.f.storageClassDefault', { name: fallback })
                  : t('images.f.storageClassClusterDefault'),
              },
              ...classes.items.map((c) => ({
                value: c.metadata.name ?? '',
                label: c.metadata.name ?? '',
              })),
            ]}
            error={classError}
            {...register('storageClass')}
          />
        ) : (
          <TextInput
            label={t('images.f.storageClass')}
            autoComplete="off"
            placeholder={t('images.f.storageClassClusterDefault')}
            error={classError}
            {...register('storageClass')}
          />
        )
      ) : null}
    </>
  );
}
