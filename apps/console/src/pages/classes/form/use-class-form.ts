/**
 * The VM class form's state shared by create and edit: react-hook-form for the values, the live
 * rule issues computed from them, the server's field errors, and which messages to show.
 */
import { useCallback, useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { ApiError, StatusCause } from '../../../api/errors.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { classFormIssues, formFieldOf, issuesByField, type FormIssue } from './issues.ts';
import type { ClassFormValues } from './model.ts';

/** Fields whose rules show while typing; the rest once touched or after a submit. */
const LIVE = /^(policies|nodeSelector)/;

/** Where focus goes for an issue of `field` (a rule of a policy → its Min cores). */
function focusTarget(field: string): string | undefined {
  if (/^policies\.\d+\.rule$/.test(field)) return field.replace(/rule$/, 'coresMin');
  if (/^(policies|nodeSelector|discovery|features)$/.test(field)) return undefined;
  return field;
}

export function useClassForm(defaults: ClassFormValues, edit: boolean) {
  const { t } = useI18n();
  const form = useForm<ClassFormValues>({ mode: 'onChange', defaultValues: defaults });
  // Defaults fill every field, so the watched value is the whole form.
  const values = useWatch({ control: form.control }) as ClassFormValues;
  const snapshot = JSON.stringify(values);
  // One parsed copy per distinct value set: stable identity for memoized consumers.
  const current = useMemo(() => JSON.parse(snapshot) as ClassFormValues, [snapshot]);
  const issues = useMemo(() => classFormIssues(current, edit), [current, edit]);
  const byField = useMemo(() => issuesByField(issues), [issues]);
  // Server errors stand until the values change.
  const [server, setServer] = useState<{ at: string; fields: Map<string, string> }>();
  const [submitted, setSubmitted] = useState(false);
  const { touchedFields, dirtyFields } = form.formState;

  const errorFor = useCallback(
    (field: string): string | undefined => {
      const s = server && server.at === snapshot ? server.fields.get(field) : undefined;
      if (s) return s;
      const issue = byField.get(field);
      if (!issue) return undefined;
      const top = field.split('.')[0] ?? field;
      const seen =
        submitted ||
        LIVE.test(field) ||
        !!(touchedFields as Record<string, unknown>)[top] ||
        !!(dirtyFields as Record<string, unknown>)[top];
      return seen ? t(issue.key, issue.values) : undefined;
    },
    [server, snapshot, byField, submitted, touchedFields, dirtyFields, t],
  );

  /** True when the form may be sent; otherwise shows every issue and focuses the first. */
  const ready = (): boolean => {
    setSubmitted(true);
    const first = issues[0];
    if (!first) return true;
    const target = focusTarget(first.field);
    if (target) form.setFocus(target as keyof ClassFormValues);
    return false;
  };

  /** Pins an Invalid Status's causes on the fields; returns the causes no field takes. */
  const showServerErrors = (err: ApiError): StatusCause[] => {
    const fields = new Map<string, string>();
    const rest: StatusCause[] = [];
    for (const c of err.causes) {
      const field = c.field ? formFieldOf(c.field) : undefined;
      const message = c.message ?? c.reason ?? '';
      if (field && !fields.has(field)) fields.set(field, t('classes.err.server', { message }));
      else rest.push(c);
    }
    setServer({ at: snapshot, fields });
    const first = [...fields.keys()][0];
    const target = first ? focusTarget(first) : undefined;
    if (target) form.setFocus(target as keyof ClassFormValues);
    return rest;
  };

  const setNameError = (message: string) => {
    setServer({ at: snapshot, fields: new Map([['name', message]]) });
    form.setFocus('name');
  };

  return {
    form,
    values: current,
    issues: issues as readonly FormIssue[],
    submitted,
    errorFor,
    ready,
    showServerErrors,
    setNameError,
  };
}
