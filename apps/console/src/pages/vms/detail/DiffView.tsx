import { useId } from 'react';
import { useT } from '../../../i18n/i18n.tsx';
import type { DiffLine } from './patch.ts';

/** The changed lines of an edit (removed `-`, added `+`), with their line numbers. */
export function DiffView({ title, lines }: { title: string; lines: DiffLine[] }) {
  const t = useT();
  const id = useId();
  const changed = lines.filter((l) => l.kind !== 'same');
  return (
    <section className="vm-diff" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ol className="vm-diff-lines">
        {changed.map((l, i) => (
          <li key={i} className={`vm-diff-${l.kind}`}>
            <span className="vm-diff-no">{t('vm-detail.yaml.line', { line: l.line })}</span>
            <code>
              {l.kind === 'add' ? '+ ' : '- '}
              {l.text}
            </code>
          </li>
        ))}
      </ol>
    </section>
  );
}
