import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { FormProvider, useForm, useWatch, type Resolver } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { splitCauses } from '../../../api/error-text.ts';
import { toApiError, type StatusCause } from '../../../api/errors.ts';
import { useSession } from '../../../api/session.tsx';
import { FormError } from '../../../components/form/FormError.tsx';
import { LeaveGuard } from '../../../components/form/LeaveGuard.tsx';
import { useT, type Translate } from '../../../i18n/i18n.tsx';
import { toast } from '../../../stores/toast.ts';
import { uploads } from '../../../stores/uploads.ts';
import { Button } from '../../../ui/Button.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { TextInput } from '../../../ui/Field.tsx';
import { createImage, imageHref, namespaceOf, resourceOf, type ImageScope } from '../scope.ts';
import {
  IMAGE_CAUSE_FIELDS,
  imageBody,
  imageFormDefaults,
  validateImageForm,
  type ImageFormValues,
  type ImageSourceChoice,
} from './build.ts';
import { FileField } from './FileField.tsx';
import { RefFields, RegistryFields, StorageFields, UrlField } from './SourceFields.tsx';

const TITLES = {
  http: 'images.create.http',
  registry: 'images.create.registry',
  upload: 'images.create.upload',
  ref: 'images.create.ref',
} as const;

function resolverOf(
  t: Translate,
  scope: ImageScope,
  source: ImageSourceChoice,
): Resolver<ImageFormValues> {
  return (values) => {
    const found = validateImageForm(scope, source, values);
    const errors: Record<string, { type: string; message: string }> = {};
    for (const [k, e] of Object.entries(found))
      errors[k] = { type: 'validate', message: t(e.key, e.values) };
    return Object.keys(errors).length ? { values: {}, errors } : { values, errors: {} };
  };
}

/**
 * One "Create Image" dialog per menu choice (`?create=http|registry|upload|ref`): the seeds'
 * fields, checked as the user types, then a server dry run (its field errors shown on the
 * fields), then the real create. An upload then streams the file (stores/uploads.ts) and the
 * user lands on the image's page, where the status is shown under the name (seed 000).
 */
export function CreateImageDialog({
  scope,
  source,
  onClose,
}: {
  scope: ImageScope;
  source: ImageSourceChoice;
  onClose: () => void;
}) {
  const t = useT();
  const navigate = useNavigate();
  const { session } = useSession();
  const form = useForm<ImageFormValues>({
    mode: 'onTouched',
    defaultValues: imageFormDefaults(scope),
    resolver: resolverOf(t, scope, source),
  });
  const { register, handleSubmit, formState, setError, setValue, setFocus } = form;
  // The dialog focuses its first control (Close) on open; the name is where typing starts.
  useEffect(() => setFocus('name'), [setFocus]);
  const file = useWatch({ control: form.control, name: 'file' });
  const [failure, setFailure] = useState<{ error: unknown; rest: StatusCause[] } | null>(null);
  const [done, setDone] = useState(false);

  const submit = async (values: ImageFormValues) => {
    setFailure(null);
    const body = imageBody(scope, source, values);
    const name = body.metadata.name ?? '';
    try {
      await createImage(scope, body, true);
      await createImage(scope, body, false);
    } catch (e) {
      const err = toApiError(e);
      if (err.reason === 'AlreadyExists') {
        setError('name', { message: err.message }, { shouldFocus: true });
        return;
      }
      const { fields, rest } = splitCauses(err, IMAGE_CAUSE_FIELDS);
      for (const f of fields)
        setError(f.name as keyof ImageFormValues, { message: f.message }, { shouldFocus: true });
      if (!fields.length || rest.length) setFailure({ error: err, rest });
      return;
    }
    if (source === 'upload' && values.file)
      uploads.start({
        resource: resourceOf(scope),
        ...(namespaceOf(scope) ? { namespace: namespaceOf(scope) } : {}),
        name,
        file: values.file,
        ...(session.csrfToken ? { csrfToken: session.csrfToken } : {}),
      });
    toast('success', t('images.created', { name }));
    // The guard must be off before the navigation it would otherwise block.
    flushSync(() => setDone(true));
    void navigate(imageHref(scope, name));
  };

  const formId = `create-image-${source}`;
  return (
    <Dialog
      open
      onClose={onClose}
      size="md"
      title={t(scope.cluster && source === 'http' ? 'images.create.httpCluster' : TITLES[source])}
      closeLabel={t('common.close')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" type="submit" form={formId} loading={formState.isSubmitting}>
            {formState.isSubmitting ? t('images.dialog.checking') : t('common.create')}
          </Button>
        </>
      }
    >
      <FormProvider {...form}>
        <form
          id={formId}
          className="img-form"
          noValidate
          onSubmit={(e) => void handleSubmit(submit)(e)}
        >
          <TextInput
            label={t('images.f.name')}
            required
            autoComplete="off"
            spellCheck={false}
            error={formState.errors.name?.message}
            {...register('name')}
          />
          {source === 'http' ? <UrlField scope={scope} /> : null}
          {source === 'registry' ? <RegistryFields scope={scope} /> : null}
          {source === 'ref' ? <RefFields scope={scope} /> : null}
          {source === 'upload' ? (
            <FileField
              file={file}
              error={formState.errors.file?.message}
              onChange={(f) =>
                setValue('file', f, {
                  shouldDirty: true,
                  shouldValidate: formState.isSubmitted,
                })
              }
            />
          ) : null}
          {scope.cluster ? null : <StorageFields />}
          <FormError error={failure?.error} unmapped={failure?.rest ?? []} />
        </form>
      </FormProvider>
      <LeaveGuard
        when={formState.isDirty && !done}
        title={t('images.leave.title')}
        text={t('images.leave.text')}
        stayLabel={t('images.leave.stay')}
        leaveLabel={t('images.leave.leave')}
      />
    </Dialog>
  );
}
