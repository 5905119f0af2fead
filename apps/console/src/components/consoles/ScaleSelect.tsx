import { useId } from 'react';
import { useT } from '../../i18n/i18n.tsx';

/** fit: scaled into the window; actual: 1:1 with scrollbars; remote: the guest resizes its screen. */
export const SCALE_MODES = ['fit', 'actual', 'remote'] as const;
export type ScaleMode = (typeof SCALE_MODES)[number];

const LABEL = {
  fit: 'consoles.vnc.scale.fit',
  actual: 'consoles.vnc.scale.actual',
  remote: 'consoles.vnc.scale.remote',
} as const;

export function ScaleSelect({
  value,
  onChange,
}: {
  value: ScaleMode;
  onChange: (m: ScaleMode) => void;
}) {
  const t = useT();
  const id = useId();
  return (
    <span className="console-scale">
      <label htmlFor={id}>{t('consoles.vnc.scaling')}</label>
      <select
        id={id}
        className="input input-sm"
        value={value}
        onChange={(e) => onChange(e.target.value as ScaleMode)}
      >
        {SCALE_MODES.map((m) => (
          <option key={m} value={m}>
            {t(LABEL[m])}
          </option>
        ))}
      </select>
    </span>
  );
}
