import { useEffect, useId, useState } from 'react';
import { flushSync } from 'react-dom';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { StatusCause } from '../../api/errors.ts';
import { splitCauses } from '../../api/error-text.ts';
import { paths } from '../../app/paths.ts';
import { FormError } from '../../components/form/FormError.tsx';
import { BootDisksSection } from '../../components/vm-form/BootDisksSection.tsx';
import { ClassField } from '../../components/vm-form/ClassField.tsx';
import { CloudInitSection } from '../../components/vm-form/CloudInitSection.tsx';
import { useClusterList } from '../../components/vm-form/data.ts';
import { MachineParametersSection } from '../../components/vm-form/MachineParametersSection.tsx';
import {
  manifestsFromValues,
  valuesFromManifests,
  vmFormDefaults,
  type VmFormValues,
} from '../../components/vm-form/model.ts';
import { policiesOf } from '../../components/vm-form/sizing.ts';
import { StartupPolicyField } from '../../components/vm-form/StartupPolicyField.tsx';
import { vmResolver } from '../../components/vm-form/validate.ts';
import { useT } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/Button.tsx';
import { TextInput } from '../../ui/Field.tsx';
import { LeaveGuard } from '../../components/form/LeaveGuard.tsx';
import { createVm, SubmitError, VM_CAUSE_FIELDS, type Progress } from './submit.ts';
import { manifestsToYaml, parseYamlDocs } from './yaml-doc.ts';
import { ViewToggle } from './ViewToggle.tsx';
import { YamlView } from './YamlView.tsx';
import './vm-create.css';

type FieldName = keyof VmFormValues;

/** The full-page "Create virtual machine" form (seed 000's steps), with a YAML view. */
export function VmCreateForm({ namespace }: { namespace: string }) {
  const t = useT();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'yaml' ? 'yaml' : 'form';
  const classes = useClusterList('virtualmachineclasses');

  // react-hook-form reads the latest `resolver` option on every render.
  const policiesFor = (name: string) =>
    policiesOf(classes.items.find((c) => c.metadata.name === name));
  const resolver = vmResolver({ t, policiesFor });
  const form = useForm<VmFormValues>({
    mode: 'onChange',
    defaultValues: vmFormDefaults(),
    resolver,
  });
  const { register, handleSubmit, formState, getValues, reset, resetField, setError } = form;
  const className = useWatch({ control: form.control, name: 'className' });

  // Preselect `generic` (or the first class) once the classes arrive, without dirtying the form.
  useEffect(() => {
    if (getValues('className') || classes.items.length === 0) return;
    const names = classes.items.map((c) => c.metadata.name ?? '');
    resetField('className', { defaultValue: names.includes('generic') ? 'generic' : names[0] });
  }, [classes.items, getValues, resetField]);

  // YAML view: the user's text and what was generated (to know whether it was edited). Until
  // the first edit the text is generated from the form's values on every render.
  const [yaml, setYaml] = useState<{ text: string; original: string }>();
  const [yamlBlocked, setYamlBlocked] = useState<string>();
  const generated =
    view === 'yaml' && !yaml ? manifestsToYaml(manifestsFromValues(getValues(), namespace)) : '';
  const yamlText = yaml?.text ?? generated;
  const yamlEdited = !!yaml && yaml.text !== yaml.original;

  /** Applies an edited YAML to the form; false (and the reason shown) when it cannot. */
  const applyYaml = (): boolean => {
    if (!yaml || !yamlEdited) return true;
    const values = valuesFromYaml(yaml.text);
    if (!values) {
      setYamlBlocked(t('vm-create.yaml.fixFirst'));
      return false;
    }
    reset(values, { keepDefaultValues: true });
    return true;
  };

  // The view is replaced in the URL (no history entry), so Back leaves the page (guarded)
  // instead of silently dropping YAML edits.
  const setView = (v: 'form' | 'yaml') => {
    if (v === view) return;
    if (v === 'form') {
      if (!applyYaml()) return;
      setYaml(undefined);
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          next.delete('view');
          return next;
        },
        { replace: true },
      );
      void form.trigger();
    } else {
      setYaml(undefined);
      setYamlBlocked(undefined);
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          next.set('view', 'yaml');
          return next;
        },
        { replace: true },
      );
    }
  };

  // Disks created by an earlier attempt that failed at the VM step (not created again).
  const [created] = useState(() => new Set<string>());
  const [done, setDone] = useState(false);
  const [progress, setProgress] = useState<Progress>();
  const [failure, setFailure] = useState<{ error: unknown; rest: StatusCause[] }>();
  const guard = !done && (formState.isDirty || yamlEdited);

  const onSubmit = handleSubmit(async (values) => {
    setFailure(undefined);
    try {
      await createVm(values, namespace, created, setProgress);
      // The guard must be off before the navigation is attempted.
      flushSync(() => setDone(true));
      void navigate(paths.vm(namespace, values.name));
    } catch (e) {
      if (!(e instanceof SubmitError)) {
        setFailure({ error: e, rest: [] });
        return;
      }
      const { error, target } = e;
      if (error.reason === 'AlreadyExists') {
        const field: FieldName = target.kind === 'VirtualMachine' ? 'name' : 'bootDisks';
        const message = t('vm-create.err.alreadyExists', { kind: target.kind, name: target.name });
        setError(field, { type: 'server', message }, { shouldFocus: true });
        return;
      }
      if (target.kind === 'VirtualMachine') {
        const { fields, rest } = splitCauses(error, VM_CAUSE_FIELDS);
        fields.forEach((f, i) =>
          setError(
            f.name as FieldName,
            { type: 'server', message: t('vm-create.err.server', { message: f.message }) },
            { shouldFocus: i === 0 },
          ),
        );
        if (fields.length === 0 || rest.length > 0) setFailure({ error, rest });
        return;
      }
      setFailure({ error, rest: error.causes });
    } finally {
      setProgress(undefined);
    }
  });

  const submitFromYaml = () => {
    // The YAML becomes the form's values; the form view then shows progress and any errors.
    if (!applyYaml()) return;
    setView('form');
    void onSubmit();
  };

  const progressText =
    progress?.stage === 'check'
      ? t('vm-create.progress.check')
      : progress?.stage === 'disk'
        ? t('vm-create.progress.disk', { name: progress.name })
        : progress?.stage === 'vm'
          ? t('vm-create.progress.vm', { name: progress.name })
          : '';

  return (
    <div className="vm-create">
      <header className="vm-create-header">
        <h1>{t('vm-create.title')}</h1>
        <ViewToggle view={view} onChange={setView} />
      </header>
      <FormProvider {...form}>
        <form noValidate onSubmit={(e) => void onSubmit(e)} aria-label={t('vm-create.title')}>
          {view === 'yaml' ? (
            <YamlView
              text={yamlText}
              onChange={(text) => setYaml({ text, original: yaml?.original ?? generated })}
              blockedError={yamlBlocked}
            />
          ) : (
            <div className="vm-create-fields">
              <div className="vm-form-row">
                <TextInput
                  label={t('vm-create.name')}
                  required
                  autoComplete="off"
                  spellCheck={false}
                  error={formState.errors.name?.message}
                  {...register('name')}
                />
                <ClassField classes={classes.items} />
              </div>
              <MachineParametersSection policies={policiesFor(className)} />
              <BootDisksSection namespace={namespace} />
              <AdditionalSection />
            </div>
          )}
          {failure ? <FormError error={failure.error} unmapped={failure.rest} /> : null}
          <div className="vm-create-footer">
            <span className="vm-create-progress" role="status" aria-live="polite">
              {progressText}
            </span>
            {view === 'yaml' ? (
              <Button variant="primary" onClick={submitFromYaml} loading={!!progress}>
                {t('vm-create.submit')}
              </Button>
            ) : (
              <Button type="submit" variant="primary" loading={!!progress}>
                {t('vm-create.submit')}
              </Button>
            )}
            <Link className="btn btn-secondary btn-md" to={paths.vms(namespace)}>
              {t('vm-create.cancel')}
            </Link>
          </div>
        </form>
      </FormProvider>
      <LeaveGuard
        when={guard}
        title={t('vm-create.leave.title')}
        text={t('vm-create.leave')}
        stayLabel={t('vm-create.leave.stay')}
        leaveLabel={t('vm-create.leave.go')}
      />
    </div>
  );
}

/** Form values from the YAML view's text, or undefined when it does not read as a VM. */
function valuesFromYaml(text: string): VmFormValues | undefined {
  const parsed = parseYamlDocs(text);
  if (!parsed.ok) return undefined;
  try {
    return valuesFromManifests(parsed.docs);
  } catch {
    return undefined;
  }
}

function AdditionalSection() {
  const t = useT();
  const id = useId();
  return (
    <section className="vm-form-section" aria-labelledby={id}>
      <h2 id={id} className="vm-form-legend">
        {t('vm-create.additional')}
      </h2>
      <CloudInitSection />
      <StartupPolicyField />
    </section>
  );
}
