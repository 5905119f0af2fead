import type { KubeObject } from '@dvp/api';
import { useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import { FormProvider } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import { stringify } from 'yaml';
import { api, call } from '../../api/client.ts';
import { errorText } from '../../api/error-text.ts';
import { toApiError, type StatusCause } from '../../api/errors.ts';
import { useCan } from '../../api/session.tsx';
import { paths } from '../../app/paths.ts';
import { useDocumentTitle } from '../../app/title.ts';
import { FormError } from '../../components/form/FormError.tsx';
import { LeaveGuard } from '../../components/form/LeaveGuard.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { toast } from '../../stores/toast.ts';
import { Button } from '../../ui/Button.tsx';
import { DiffView } from '../vms/detail/DiffView.tsx';
import { applyMergePatch, jsonEqual, lineDiff, mergePatch } from '../vms/detail/patch.ts';
import { useClass } from './ClassPage.tsx';
import { useClassVms, useNodeCpu } from './data.ts';
import { ClassFields } from './form/ClassFields.tsx';
import { FieldErrors } from './form/errors.ts';
import { ImpactPanel } from './form/ImpactPanel.tsx';
import { editableSpecOf, editableSpecOfClass, valuesOf } from './form/model.ts';
import { useClassForm } from './form/use-class-form.ts';
import '../vms/detail/vm-detail.css';
import './classes.css';

const resource = 'virtualmachineclasses';

/** `/system/classes/:name/edit`: placement conditions and sizing rules; `spec.cpu` is fixed. */
export function ClassEditPage() {
  const { t } = useI18n();
  const { name = '' } = useParams();
  useDocumentTitle(t('classes.form.editTitle', { name }), t('nav.classes'));
  const query = useClass(name);
  const back = (
    <Link className="cls-back" to={paths.class(name)}>
      ← {name}
    </Link>
  );
  if (!query.data) {
    return (
      <div className="cls-page">
        {back}
        {query.error ? (
          <p className="banner banner-warning" role="alert">
            {toApiError(query.error).code === 404
              ? t('classes.notFound', { name })
              : errorText(t, query.error)}
          </p>
        ) : (
          <p role="status">{t('classes.loading')}</p>
        )}
      </div>
    );
  }
  return (
    <div className="cls-page cls-form-page">
      {back}
      <EditForm live={query.data} refetch={async () => (await query.refetch()).data} />
    </div>
  );
}

const yaml = (v: unknown) => stringify(v, { lineWidth: 0 });

function EditForm({
  live,
  refetch,
}: {
  live: KubeObject;
  refetch: () => Promise<KubeObject | undefined>;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const name = live.metadata.name ?? '';
  const title = t('classes.form.editTitle', { name });
  const can = useCan('patch', resource, undefined, name);
  const forbidden = !can.allowed ? t(can.reason ?? 'common.forbidden') : undefined;
  const [base, setBase] = useState(live);
  // A change the form does not show (status, another field's rv bump) moves the baseline, so
  // saving does not turn into a needless 409.
  if (
    live.metadata.resourceVersion !== base.metadata.resourceVersion &&
    jsonEqual(live.spec, base.spec)
  ) {
    setBase(live);
  }
  const stale = !jsonEqual(live.spec, base.spec);
  const nodeCpu = useNodeCpu();
  const vms = useClassVms(name);
  const state = useClassForm(valuesOf(base), true);
  const { form, values, issues, submitted } = state;
  const before = useMemo(() => editableSpecOfClass(base), [base]);
  const after = useMemo(() => editableSpecOf(values), [values]);
  const patch = useMemo(() => mergePatch(before, after), [before, after]);
  const [step, setStep] = useState<'edit' | 'review'>('edit');
  const [notice, setNotice] = useState('');
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown; rest: StatusCause[] }>();
  const [done, setDone] = useState(false);

  const review = form.handleSubmit(() => {
    setFailure(undefined);
    setNotice('');
    if (!state.ready() || forbidden) return;
    if (patch === undefined) {
      setNotice(t('classes.form.noChanges'));
      return;
    }
    setStep('review');
  });

  const save = async () => {
    if (patch === undefined) return;
    setSaving(true);
    setFailure(undefined);
    const body = {
      metadata: { resourceVersion: base.metadata.resourceVersion ?? '' },
      spec: patch as Record<string, unknown>,
    };
    const params = { resource, name } as const;
    try {
      await call(api.clusterResourcePatch, { params, query: { dryRun: 'All' }, body });
      await call(api.clusterResourcePatch, { params, body });
      toast('success', t('classes.form.saved', { name }));
      flushSync(() => setDone(true));
      void navigate(paths.class(name));
    } catch (e) {
      const err = toApiError(e);
      if (err.reason === 'Invalid') {
        const rest = state.showServerErrors(err);
        if (rest.length < err.causes.length) setStep('edit');
        if (rest.length > 0 || err.causes.length === 0) setFailure({ error: err, rest });
      } else {
        setFailure({ error: err, rest: err.causes });
      }
    } finally {
      setSaving(false);
    }
  };

  /** After a 409: the user's change applied to the class as it is now, to review again. */
  const reloadAndReapply = async () => {
    const fresh = await refetch();
    if (!fresh || patch === undefined) return;
    const spec = applyMergePatch(editableSpecOfClass(fresh), patch) as Record<string, unknown>;
    const {
      nodeSelector: _n,
      sizingPolicies: _s,
      ...others
    } = (fresh.spec ?? {}) as Record<string, unknown>;
    setBase(fresh);
    form.reset(valuesOf(fresh));
    form.reset(valuesOf({ ...fresh, spec: { ...others, ...spec } }), { keepDefaultValues: true });
    setFailure(undefined);
    setStep('edit');
    setNotice(t('classes.form.reapplied'));
  };

  const impact = (
    <ImpactPanel
      className={name}
      data={vms}
      before={before.sizingPolicies}
      after={after.sizingPolicies}
    />
  );

  return (
    <>
      <h1>{title}</h1>
      {forbidden && !can.pending ? (
        <p className="banner banner-warning" role="status">
          {t('classes.form.forbidden')}
        </p>
      ) : null}
      {stale ? (
        <div className="banner banner-warning" role="status">
          <p>{t('classes.form.changedOnServer')}</p>
        </div>
      ) : null}
      {notice ? (
        <p className="banner banner-info" role="status">
          {notice}
        </p>
      ) : null}
      <FormProvider {...form}>
        <FieldErrors.Provider value={state.errorFor}>
          <form
            noValidate
            aria-label={title}
            hidden={step === 'review'}
            onSubmit={(e) => void review(e)}
          >
            <ClassFields nodeCpu={nodeCpu} edit policiesFooter={impact} />
            {submitted && issues.length > 0 ? (
              <p className="banner banner-danger" role="alert">
                {t('classes.form.fixFirst', { count: issues.length })}
              </p>
            ) : null}
            {step === 'edit' && failure ? (
              <FormError error={failure.error} unmapped={failure.rest} />
            ) : null}
            <div className="cls-form-footer">
              <Button type="submit" variant="primary" disabledReason={forbidden}>
                {t('classes.form.save')}
              </Button>
              <Link className="btn btn-secondary btn-md" to={paths.class(name)}>
                {t('classes.form.cancel')}
              </Link>
            </div>
          </form>
        </FieldErrors.Provider>
      </FormProvider>
      {step === 'review' ? (
        <section className="cls-review" aria-labelledby="cls-review-title">
          <h2 id="cls-review-title">{t('classes.review.title')}</h2>
          <DiffView title={t('classes.review.diff')} lines={lineDiff(yaml(before), yaml(after))} />
          {impact}
          {failure ? (
            <FormError
              error={failure.error}
              unmapped={failure.rest}
              onReloadAndReapply={() => void reloadAndReapply()}
            />
          ) : null}
          <div className="cls-form-footer">
            <Button variant="primary" loading={saving} onClick={() => void save()}>
              {t('classes.review.confirm')}
            </Button>
            <Button variant="ghost" onClick={() => setStep('edit')}>
              {t('classes.review.back')}
            </Button>
          </div>
        </section>
      ) : null}
      <LeaveGuard
        when={!done && form.formState.isDirty}
        title={t('classes.form.leave.title')}
        text={t('classes.form.leave')}
        stayLabel={t('classes.form.leave.stay')}
        leaveLabel={t('classes.form.leave.go')}
      />
    </>
  );
}
