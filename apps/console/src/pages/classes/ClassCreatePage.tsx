import { useState } from 'react';
import { flushSync } from 'react-dom';
import { FormProvider } from 'react-hook-form';
import { Link, useNavigate } from 'react-router';
import { api, call } from '../../api/client.ts';
import { toApiError, type StatusCause } from '../../api/errors.ts';
import { useCan } from '../../api/session.tsx';
import { paths } from '../../app/paths.ts';
import { useDocumentTitle } from '../../app/title.ts';
import { FormError } from '../../components/form/FormError.tsx';
import { LeaveGuard } from '../../components/form/LeaveGuard.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { toast } from '../../stores/toast.ts';
import { Button } from '../../ui/Button.tsx';
import { useNodeCpu } from './data.ts';
import { ClassFields } from './form/ClassFields.tsx';
import { FieldErrors } from './form/errors.ts';
import { classFormDefaults, manifestOf } from './form/model.ts';
import { useClassForm } from './form/use-class-form.ts';
import './classes.css';

const params = { resource: 'virtualmachineclasses' } as const;

/** "VM Classes" → "Create": seed 002's form; a server dry run first, then the class. */
export function ClassCreatePage() {
  const { t } = useI18n();
  const title = t('classes.form.createTitle');
  useDocumentTitle(title);
  const navigate = useNavigate();
  const can = useCan('create', 'virtualmachineclasses');
  const nodeCpu = useNodeCpu();
  const state = useClassForm(classFormDefaults(), false);
  const { form, values, issues, submitted } = state;
  const [stage, setStage] = useState<'check' | 'create'>();
  const [failure, setFailure] = useState<{ error: unknown; rest: StatusCause[] }>();
  const [done, setDone] = useState(false);
  const forbidden = !can.allowed ? t(can.reason ?? 'common.forbidden') : undefined;

  const submit = form.handleSubmit(async () => {
    setFailure(undefined);
    if (!state.ready() || forbidden) return;
    const body = manifestOf(values);
    const name = body.metadata.name ?? '';
    try {
      setStage('check');
      await call(api.clusterResourceCreate, { params, query: { dryRun: 'All' }, body });
      setStage('create');
      await call(api.clusterResourceCreate, { params, body });
      toast('success', t('classes.form.created', { name }));
      // The guard must be off before the navigation is attempted.
      flushSync(() => setDone(true));
      void navigate(paths.class(name));
    } catch (e) {
      const err = toApiError(e);
      if (err.reason === 'AlreadyExists') {
        state.setNameError(t('classes.err.alreadyExists', { name }));
        return;
      }
      const rest = state.showServerErrors(err);
      if (rest.length > 0 || err.causes.length === 0) setFailure({ error: err, rest });
    } finally {
      setStage(undefined);
    }
  });

  return (
    <div className="cls-page cls-form-page">
      <Link className="cls-back" to={paths.classes()}>
        ← {t('classes.back')}
      </Link>
      <h1>{title}</h1>
      {forbidden && !can.pending ? (
        <p className="banner banner-warning" role="status">
          {t('classes.form.forbidden')}
        </p>
      ) : null}
      <FormProvider {...form}>
        <FieldErrors.Provider value={state.errorFor}>
          <form noValidate aria-label={title} onSubmit={(e) => void submit(e)}>
            <ClassFields nodeCpu={nodeCpu} edit={false} />
            {submitted && issues.length > 0 ? (
              <p className="banner banner-danger" role="alert">
                {t('classes.form.fixFirst', { count: issues.length })}
              </p>
            ) : null}
            {failure ? <FormError error={failure.error} unmapped={failure.rest} /> : null}
            <div className="cls-form-footer">
              <span role="status" aria-live="polite" className="cls-muted">
                {stage === 'check'
                  ? t('classes.form.checking')
                  : stage === 'create'
                    ? t('classes.form.creating')
                    : ''}
              </span>
              <Button type="submit" variant="primary" loading={!!stage} disabledReason={forbidden}>
                {t('classes.form.submit')}
              </Button>
              <Link className="btn btn-secondary btn-md" to={paths.classes()}>
                {t('classes.form.cancel')}
              </Link>
            </div>
          </form>
        </FieldErrors.Provider>
      </FormProvider>
      <LeaveGuard
        when={!done && form.formState.isDirty}
        title={t('classes.form.leave.title')}
        text={t('classes.form.leave')}
        stayLabel={t('classes.form.leave.stay')}
        leaveLabel={t('classes.form.leave.go')}
      />
    </div>
  );
}
