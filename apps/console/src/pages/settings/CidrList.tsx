import { useFieldArray } from 'react-hook-form';
import { useId } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/Button.tsx';
import { TextInput } from '../../ui/Field.tsx';
import { unalignedNetwork } from './model.ts';
import { issueText } from './issue-text.ts';
import type { SettingsForm } from './useSettingsForm.ts';

/**
 * `virtualMachineCIDRs`: one row per subnet, each checked as typed (valid, not overlapping an
 * earlier one), with the addresses leased from it; removing a subnet in use is warned about.
 */
export function CidrList({
  s,
  inUse,
  disabled,
}: {
  s: SettingsForm;
  /** Leased addresses per CIDR text (undefined: leases not readable). */
  inUse: Map<string, number> | undefined;
  disabled: boolean;
}) {
  const t = useT();
  const id = useId();
  const { fields, append, remove } = useFieldArray({ control: s.form.control, name: 'cidrs' });
  const touched = s.form.formState.touchedFields.cidrs;
  const listError = s.errorOf('cidrs', true);
  const before: string[] = (
    (s.base.spec as { settings?: { virtualMachineCIDRs?: string[] } } | undefined)?.settings
      ?.virtualMachineCIDRs ?? []
  ).map((c) => c.trim());
  const now = new Set(s.values.cidrs.map((c) => c.value.trim()));
  const removedInUse = before.filter((c) => !now.has(c) && (inUse?.get(c) ?? 0) > 0);
  return (
    <fieldset className="settings-cidrs" aria-describedby={`${id}-hint`} disabled={disabled}>
      <legend>virtualMachineCIDRs</legend>
      <p id={`${id}-hint`} className="field-hint">
        {t('settings.cidrs.hint')}
      </p>
      <p className="banner banner-warning">{t('settings.cidrs.inUseWarning')}</p>
      {fields.map((f, i) => {
        const text = s.values.cidrs[i]?.value ?? '';
        const err = s.errorOf(`cidrs.${i}.value`, !!touched?.[i]?.value);
        // Only a saved subnet can be "in use" (addresses come from saved subnets only).
        const used = before.includes(text.trim()) ? (inUse?.get(text.trim()) ?? 0) : 0;
        const network = unalignedNetwork(text);
        const hint = [
          used > 0 ? t('settings.cidrs.used', { count: used }) : '',
          network ? t('settings.cidrs.unaligned', { network }) : '',
        ]
          .filter(Boolean)
          .join(' ');
        return (
          <div key={f.id} className="settings-cidr-row">
            <TextInput
              label={t('settings.cidrs.item', { n: i + 1 })}
              placeholder="10.66.10.0/24"
              spellCheck={false}
              autoComplete="off"
              hint={hint || undefined}
              error={issueText(t, err)}
              {...s.form.register(`cidrs.${i}.value`)}
            />
            <Button
              size="sm"
              variant="ghost"
              aria-label={t('settings.cidrs.remove', { cidr: text || String(i + 1) })}
              onClick={() => remove(i)}
            >
              {t('common.remove')}
            </Button>
          </div>
        );
      })}
      {listError ? (
        <p className="field-error" role="alert">
          {issueText(t, listError)}
        </p>
      ) : null}
      {removedInUse.length > 0 ? (
        <p className="banner banner-danger" role="alert">
          {t('settings.cidrs.removedInUse', {
            cidrs: removedInUse.join(', '),
            count: removedInUse.length,
          })}
        </p>
      ) : null}
      <Button size="sm" onClick={() => append({ value: '' }, { shouldFocus: true })}>
        {t('settings.cidrs.add')}
      </Button>
    </fieldset>
  );
}
