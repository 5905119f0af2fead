import type { VmRow } from '@dvp/api';
import { memo } from 'react';
import { paths } from '../../../app/paths.ts';
import { PhaseBadge } from '../../../components/PhaseBadge.tsx';
import { runningOperation } from '../../../components/vm/vm-actions.ts';
import { formatAge, formatQuantity } from '../../../i18n/format.ts';
import type { Translate } from '../../../i18n/i18n.tsx';
import type { Locale } from '../../../i18n/messages/index.ts';

/** A row's name link: the table handles its clicks (one listener for all rows). */
export const ROW_LINK = 'a[data-row-link]';
/** A row's "⋯" trigger: the table opens its one shared menu for that row. */
export const ROW_MENU = 'button[data-row-menu]';

function flag(t: Translate, v: boolean | null): string {
  return t(v === null ? 'vm-list.bool.null' : v ? 'vm-list.bool.true' : 'vm-list.bool.false');
}

/**
 * Memory texts by locale and quantity: a handful of sizes repeat over thousands of rows, and
 * formatting builds an `Intl.NumberFormat` each time.
 */
const memoryTexts = new Map<string, string>();
function memoryText(locale: Locale, q: string | null): string {
  const key = `${locale}\u0000${q ?? ''}`;
  let text = memoryTexts.get(key);
  if (text === undefined) {
    text = formatQuantity(locale, q);
    if (memoryTexts.size < 512) memoryTexts.set(key, text);
  }
  return text;
}

export interface VmTableRowProps {
  index: number;
  row: VmRow;
  project: string;
  /** The router's base path (`basePath()`), so the name link's href works without the router. */
  base: string;
  checked: boolean;
  /** The shared menu is open for this row (`menuId` is its element id). */
  menuOpen: boolean;
  menuId: string;
  onSelect: (uid: string, on: boolean) => void;
  t: Translate;
  locale: Locale;
}

/**
 * One row, memoized: a scroll frame mounts only the rows that came into view, and a streamed
 * update re-renders only the row whose object changed. Plain elements only (no router Link, no
 * menu component): the table delegates the link's and the trigger's clicks.
 */
export const VmTableRow = memo(function VmTableRow({
  index,
  row,
  project,
  base,
  checked,
  menuOpen,
  menuId,
  onSelect,
  t,
  locale,
}: VmTableRowProps) {
  const op = runningOperation(row);
  return (
    <tr data-index={index} data-uid={row.uid} aria-rowindex={index + 2}>
      <td className="vm-col-select">
        <input
          type="checkbox"
          aria-label={t('vm-list.selectRow', { name: row.name })}
          checked={checked}
          onChange={(e) => onSelect(row.uid, e.target.checked)}
        />
      </td>
      <td className="vm-col-name">
        <a href={`${base}${paths.vm(project, row.name)}`} data-row-link="">
          {row.name}
        </a>
      </td>
      <td>
        <PhaseBadge phase={row.phase} />
        {op ? (
          <span className="vm-op">{t('vm-list.op.phase', { type: op.type, phase: op.phase })}</span>
        ) : null}
      </td>
      <td>{row.cores ?? '—'}</td>
      <td>{row.coreFraction ?? '—'}</td>
      <td>{memoryText(locale, row.memory)}</td>
      <td>{flag(t, row.needRestart)}</td>
      <td>{flag(t, row.agent)}</td>
      <td>{flag(t, row.migratable)}</td>
      <td className="vm-col-clip">{row.node ?? '—'}</td>
      <td className="vm-col-clip">{row.ipAddress ?? '—'}</td>
      <td>{formatAge(locale, row.creationTimestamp)}</td>
      <td className="vm-col-actions">
        <button
          type="button"
          className="vm-row-menu-btn"
          aria-label={t('vm-list.menu', { name: row.name })}
          aria-haspopup="menu"
          aria-expanded={menuOpen}
          aria-controls={menuOpen ? menuId : undefined}
          data-row-menu=""
        >
          ⋯
        </button>
      </td>
    </tr>
  );
});
