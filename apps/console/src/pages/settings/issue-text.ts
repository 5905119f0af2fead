import type { MessageKey, Translate } from '../../i18n/i18n.tsx';
import type { Issue } from './model.ts';

/** A field's problem in words: a server message as is, one of our checks translated. */
export function issueText(t: Translate, e: Issue | string | undefined): string | undefined {
  if (e === undefined || typeof e === 'string') return e;
  return t(`settings.issue.${e.code}` as MessageKey, { detail: e.detail ?? '' });
}
