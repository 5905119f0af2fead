import { useId } from 'react';
import { formatBytes } from '../../../i18n/format.ts';
import { useI18n } from '../../../i18n/i18n.tsx';

/**
 * Seed 002's "Upload File" field with its "Select File on Your Computer" link: a real file input
 * (focusable, named by the link-styled label), the chosen file's name and size, and the error.
 */
export function FileField({
  file,
  onChange,
  error,
}: {
  file: File | null;
  onChange: (file: File | null) => void;
  error?: string | undefined;
}) {
  const { t, locale } = useI18n();
  const id = useId();
  const chosenId = `${id}-chosen`;
  const hintId = `${id}-hint`;
  const errId = `${id}-err`;
  return (
    <div
      className={`field img-file${error ? ' field-invalid' : ''}`}
      role="group"
      aria-labelledby={`${id}-title`}
    >
      <span id={`${id}-title`} className="field-label">
        {t('images.f.file')}
        <span aria-hidden="true"> *</span>
      </span>
      <div className="img-file-row">
        <input
          id={id}
          type="file"
          className="visually-hidden img-file-input"
          aria-required
          aria-invalid={error ? true : undefined}
          aria-describedby={[chosenId, hintId, error ? errId : ''].filter(Boolean).join(' ')}
          onChange={(e) => onChange(e.target.files?.[0] ?? null)}
        />
        <label htmlFor={id} className="img-file-link">
          {t('images.f.selectFile')}
        </label>
        <span id={chosenId} className="img-file-chosen">
          {file
            ? t('images.f.fileChosen', { file: file.name, size: formatBytes(locale, file.size) })
            : t('images.f.noFile')}
        </span>
      </div>
      <div id={hintId} className="field-hint">
        {t('images.f.fileHint')}
      </div>
      {error ? (
        <div id={errId} className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}
