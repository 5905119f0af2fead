import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { SelectInput } from '../../ui/Field.tsx';
import { LAYOUTS, planKeystrokes, typeKeystrokes, type LayoutId } from './keymaps.ts';

/** Guests drop keys sent in one burst; this pace types ~60 characters a second. */
const KEY_DELAY_MS = 15;

const LAYOUT_LABEL = {
  us: 'consoles.vnc.layout.us',
  ru: 'consoles.vnc.layout.ru',
} as const;

/**
 * "Paste as keystrokes": text typed into the guest key by key, as a user of the guest's keyboard
 * layout would type it (keymaps.ts). Typing stops when the dialog closes.
 */
export function PasteKeystrokesDialog({
  open,
  onClose,
  sendKey,
  defaultLayout,
}: {
  open: boolean;
  onClose: () => void;
  sendKey: (keysym: number, code: string, down: boolean) => void;
  defaultLayout: LayoutId;
}) {
  const t = useT();
  const textId = useId();
  const [text, setText] = useState('');
  const [layout, setLayout] = useState<LayoutId>(defaultLayout);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const stop = useRef<(() => void) | null>(null);
  const plan = useMemo(() => planKeystrokes(text, layout), [text, layout]);

  const halt = () => {
    stop.current?.();
    stop.current = null;
    setProgress(null);
  };
  useEffect(() => () => stop.current?.(), []);

  const close = () => {
    halt();
    onClose();
  };

  const start = () => {
    halt();
    const total = plan.strokes.length;
    setProgress({ done: 0, total });
    stop.current = typeKeystrokes(sendKey, plan.strokes, {
      delayMs: KEY_DELAY_MS,
      onProgress: (done) => setProgress({ done, total }),
      onDone: () => {
        stop.current = null;
        setProgress(null);
        onClose();
      },
    });
  };

  return (
    <Dialog
      open={open}
      title={t('consoles.vnc.paste')}
      closeLabel={t('common.close')}
      onClose={close}
      footer={
        <>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button
            variant="primary"
            onClick={start}
            loading={progress !== null}
            disabledReason={plan.strokes.length === 0 ? t('consoles.vnc.pasteEmpty') : undefined}
          >
            {t('consoles.vnc.type')}
          </Button>
        </>
      }
    >
      <div className="field">
        <label htmlFor={textId} className="field-label">
          {t('consoles.vnc.pasteText')}
        </label>
        <textarea
          id={textId}
          className="input console-paste-text"
          rows={6}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <SelectInput
        label={t('consoles.vnc.layout')}
        hint={t('consoles.vnc.layoutHint')}
        value={layout}
        onChange={(e) => setLayout(e.target.value as LayoutId)}
        options={LAYOUTS.map((l) => ({ value: l, label: t(LAYOUT_LABEL[l]) }))}
      />
      {plan.unsupported.length > 0 ? (
        <p className="field-error" role="alert">
          {t('consoles.vnc.unsupported', {
            count: plan.unsupported.length,
            chars: plan.unsupported.map((c) => JSON.stringify(c)).join(' '),
          })}
        </p>
      ) : null}
      {progress ? (
        <p role="status">
          {t('consoles.vnc.typing', { done: progress.done, total: progress.total })}
        </p>
      ) : null}
    </Dialog>
  );
}
