import { useId, useMemo, useRef } from 'react';
import { utf8ByteLength } from '@dvp/api';
import { useT } from '../../i18n/i18n.tsx';
import { tokenizeYaml } from './tokenize.ts';
import './yaml-editor.css';

export interface YamlEditorProps {
  value: string;
  onChange: (value: string) => void;
  label: string;
  readOnly?: boolean;
  /** Shows a byte counter and marks the field invalid above this size. */
  maxBytes?: number;
  error?: string | undefined;
  /** Visible rows (the editor grows with content up to this height, then scrolls). */
  rows?: number;
  lineNumbers?: boolean;
}

/**
 * A plain textarea over a syntax-highlighted copy of its text: editing, selection, undo and
 * screen readers work exactly as in any textarea; the overlay is decoration (`aria-hidden`).
 */
export function YamlEditor({
  value,
  onChange,
  label,
  readOnly,
  maxBytes,
  error,
  rows = 14,
  lineNumbers = true,
}: YamlEditorProps) {
  const t = useT();
  const id = useId();
  const preRef = useRef<HTMLPreElement>(null);
  const gutterRef = useRef<HTMLDivElement>(null);
  const lines = useMemo(() => tokenizeYaml(value), [value]);
  const bytes = maxBytes === undefined ? 0 : utf8ByteLength(value);
  const over = maxBytes !== undefined && bytes > maxBytes;
  const counterId = `${id}-bytes`;
  const errId = `${id}-err`;
  const describedBy = [maxBytes !== undefined ? counterId : '', error ? errId : '']
    .filter(Boolean)
    .join(' ');

  const syncScroll = (el: HTMLTextAreaElement) => {
    if (preRef.current) {
      preRef.current.scrollTop = el.scrollTop;
      preRef.current.scrollLeft = el.scrollLeft;
    }
    if (gutterRef.current) gutterRef.current.scrollTop = el.scrollTop;
  };

  return (
    <div className={`field yaml-field${error || over ? ' field-invalid' : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="yaml-editor" style={{ ['--yaml-rows' as string]: rows }}>
        {lineNumbers ? (
          <div className="yaml-gutter" ref={gutterRef} aria-hidden="true">
            {lines.map((_, i) => (
              <div key={i}>{i + 1}</div>
            ))}
          </div>
        ) : null}
        <div className="yaml-surface">
          <pre className="yaml-highlight" ref={preRef} aria-hidden="true">
            {lines.map((tokens, i) => (
              <span key={i}>
                {tokens.map((tok, j) =>
                  tok.kind === 'text' ? (
                    tok.text
                  ) : (
                    <span key={j} className={`yaml-${tok.kind}`}>
                      {tok.text}
                    </span>
                  ),
                )}
                {'\n'}
              </span>
            ))}
            {/* The textarea scrolls one empty line past a trailing newline; so does the copy. */}{' '}
          </pre>
          <textarea
            id={id}
            className="yaml-input"
            value={value}
            readOnly={readOnly}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            wrap="off"
            aria-invalid={error || over ? true : undefined}
            aria-describedby={describedBy || undefined}
            onChange={(e) => onChange(e.target.value)}
            onScroll={(e) => syncScroll(e.currentTarget)}
          />
        </div>
      </div>
      {maxBytes !== undefined ? (
        <div id={counterId} className={`field-hint yaml-counter${over ? ' yaml-over' : ''}`}>
          {t('vm-create.editor.bytes', { bytes, max: maxBytes })}
        </div>
      ) : null}
      {error ? (
        <div id={errId} className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}
