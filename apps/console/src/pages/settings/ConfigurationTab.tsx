import type { KubeObject } from '@dvp/api';
import { useId, useMemo, useState, type ReactNode } from 'react';
import { Controller } from 'react-hook-form';
import { useSearchParams } from 'react-router';
import { useCan } from '../../api/session.tsx';
import { FormError } from '../../components/form/FormError.tsx';
import { LeaveGuard } from '../../components/form/LeaveGuard.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { toast } from '../../stores/toast.ts';
import { Button } from '../../ui/Button.tsx';
import { SelectInput, Switch, TextInput } from '../../ui/Field.tsx';
import { CidrList } from './CidrList.tsx';
import { ClassChoice } from './ClassChoice.tsx';
import { useLeaseNames, useStorageClassNames } from './data.ts';
import { issueText } from './issue-text.ts';
import { addressesInUse, type FieldName } from './model.ts';
import { SaveSettingsDialog } from './SaveSettingsDialog.tsx';
import { useSettingsForm } from './useSettingsForm.ts';

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="settings-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/**
 * The Configuration tab (seed 002): "Enable the module", the "Advanced settings" switch that
 * shows the settings (fields named like the YAML parameters), and Save: checks, a review of
 * the changed fields, then a merge patch; the server's field errors land on the fields.
 */
export function ConfigurationTab({ live }: { live: KubeObject }) {
  const t = useT();
  const s = useSettingsForm(live);
  const [search, setSearch] = useSearchParams();
  const canPatch = useCan('patch', 'moduleconfigs');
  const classes = useStorageClassNames() ?? [];
  const leases = useLeaseNames();
  const [busy, setBusy] = useState(false);
  const advanced = search.get('advanced') === '1';
  const reviewing = search.get('review') === '1' && !!s.patch;
  const setParam = (key: string, on: boolean) =>
    setSearch(
      (prev) => {
        const p = new URLSearchParams(prev);
        if (on) p.set(key, '1');
        else p.delete(key);
        return p;
      },
      { replace: key === 'review' },
    );

  const before = s.base.spec as { settings?: { virtualMachineCIDRs?: string[] } } | undefined;
  const cidrTexts = useMemo(
    () => [
      ...new Set([
        ...(before?.settings?.virtualMachineCIDRs ?? []),
        ...s.values.cidrs.map((c) => c.value.trim()),
      ]),
    ],
    [before, s.values.cidrs],
  );
  const inUse = useMemo(
    () => (leases.names ? addressesInUse(cidrTexts, leases.names) : undefined),
    [cidrTexts, leases.names],
  );
  const removedInUse = (before?.settings?.virtualMachineCIDRs ?? []).filter(
    (c) => !s.values.cidrs.some((x) => x.value.trim() === c) && (inUse?.get(c) ?? 0) > 0,
  );
  const readOnly = !canPatch.allowed;
  const touched = s.form.formState.touchedFields;
  const err = (f: FieldName, isTouched: boolean) => issueText(t, s.errorOf(f, isTouched));

  const onSave = () => {
    s.attempt();
    const first = s.issues[0];
    if (first) {
      if (!advanced && first.field !== 'enabled') setParam('advanced', true);
      // After the sections render (when they were hidden), focus the first field to fix.
      setTimeout(() => s.form.setFocus(first.field as never), 0);
      return;
    }
    setParam('review', true);
  };
  const confirm = async () => {
    setBusy(true);
    const saved = await s.save();
    setBusy(false);
    setParam('review', false);
    if (saved) toast('success', t('settings.saved'));
  };

  return (
    <form
      className="settings-form"
      aria-label={t('settings.formLabel')}
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      <LeaveGuard
        when={s.dirty && !busy}
        title={t('settings.leave.title')}
        text={t('common.discardChanges')}
        stayLabel={t('settings.leave.stay')}
        leaveLabel={t('settings.leave.leave')}
      />
      {readOnly && !canPatch.pending ? (
        <p className="banner banner-info">{t('settings.readOnly')}</p>
      ) : null}
      <Section title={t('settings.section.enable')}>
        <Controller
          control={s.form.control}
          name="enabled"
          render={({ field }) => (
            <Switch
              label="enabled"
              checked={field.value}
              onChange={field.onChange}
              disabled={readOnly}
              hint={t('settings.enabledHint')}
            />
          )}
        />
      </Section>
      <Switch
        label={t('settings.advanced')}
        checked={advanced}
        onChange={(on) => setParam('advanced', on)}
        hint={advanced ? undefined : t('settings.advancedHint')}
      />
      {advanced ? (
        <>
          <Section title={t('settings.section.dvcr')}>
            <p className="field-hint">{t('settings.dvcr.hint')}</p>
            <SelectInput
              label="dvcr.storage.type"
              disabled={readOnly}
              options={[{ value: 'PersistentVolumeClaim', label: 'PersistentVolumeClaim' }]}
              error={err('dvcrType', true)}
              {...s.form.register('dvcrType')}
            />
            <TextInput
              label="dvcr.storage.persistentVolumeClaim.size"
              hint={t('settings.dvcr.sizeHint')}
              disabled={readOnly}
              required
              spellCheck={false}
              error={err('dvcrSize', !!touched.dvcrSize)}
              {...s.form.register('dvcrSize')}
            />
            <SelectInput
              label="dvcr.storage.persistentVolumeClaim.storageClassName"
              hint={t('settings.dvcr.classHint')}
              disabled={readOnly}
              error={err('dvcrStorageClass', true)}
              options={[
                { value: '', label: t('settings.notSet') },
                ...[...new Set([...classes, s.values.dvcrStorageClass].filter(Boolean))]
                  .sort()
                  .map((n) => ({ value: n, label: n })),
              ]}
              {...s.form.register('dvcrStorageClass')}
            />
          </Section>
          <Section title={t('settings.section.network')}>
            <CidrList s={s} inUse={inUse} disabled={readOnly} />
          </Section>
          <Section title={t('settings.section.images')}>
            <ClassChoice s={s} kind="images" classes={classes} disabled={readOnly} />
          </Section>
          <Section title={t('settings.section.disks')}>
            <ClassChoice s={s} kind="disks" classes={classes} disabled={readOnly} />
          </Section>
          <Section title={t('settings.section.audit')}>
            <Controller
              control={s.form.control}
              name="audit"
              render={({ field }) => (
                <Switch
                  label="audit.enabled"
                  checked={field.value}
                  onChange={field.onChange}
                  disabled={readOnly}
                  hint={t('settings.auditHint')}
                />
              )}
            />
          </Section>
        </>
      ) : null}
      <FormError
        error={s.saveError}
        unmapped={s.unmapped}
        onReloadAndReapply={() => void s.reloadAndReapply()}
      />
      <div className="settings-footer">
        <Button
          type="submit"
          variant="primary"
          disabledReason={
            readOnly
              ? t(canPatch.reason ?? 'common.forbidden')
              : !s.patch
                ? t('settings.noChanges')
                : undefined
          }
        >
          {t('common.save')}
        </Button>
        <Button disabledReason={!s.dirty ? t('settings.noChanges') : undefined} onClick={s.discard}>
          {t('settings.discard')}
        </Button>
      </div>
      <SaveSettingsDialog
        open={reviewing}
        before={s.base.spec}
        patch={s.patch}
        busy={busy}
        warnings={
          removedInUse.length
            ? [
                t('settings.cidrs.removedInUse', {
                  cidrs: removedInUse.join(', '),
                  count: removedInUse.length,
                }),
              ]
            : []
        }
        onConfirm={() => void confirm()}
        onClose={() => setParam('review', false)}
      />
    </form>
  );
}
