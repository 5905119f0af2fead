import type { SearchAddon } from '@xterm/addon-search';
import { useState, type RefObject } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/Button.tsx';

/** A small find box over the terminal's scrollback: Enter finds next, Shift+Enter previous. */
export function TerminalSearch({ search }: { search: RefObject<SearchAddon | null> }) {
  const t = useT();
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const find = (dir: 'next' | 'previous') => {
    const addon = search.current;
    if (!addon || !text) return;
    const found = dir === 'next' ? addon.findNext(text) : addon.findPrevious(text);
    setMissing(!found);
  };
  return (
    <span className="console-search" role="search">
      <input
        type="search"
        className="input input-sm"
        aria-label={t('consoles.tty.search')}
        placeholder={t('consoles.tty.search')}
        value={text}
        aria-invalid={missing || undefined}
        onChange={(e) => {
          setText(e.target.value);
          setMissing(false);
        }}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          find(e.shiftKey ? 'previous' : 'next');
        }}
      />
      <Button size="sm" variant="ghost" onClick={() => find('previous')}>
        <span aria-hidden="true">↑</span>
        <span className="visually-hidden">{t('consoles.tty.findPrevious')}</span>
      </Button>
      <Button size="sm" variant="ghost" onClick={() => find('next')}>
        <span aria-hidden="true">↓</span>
        <span className="visually-hidden">{t('consoles.tty.findNext')}</span>
      </Button>
      {missing ? (
        <span className="console-search-missing">{t('consoles.tty.notFound')}</span>
      ) : null}
    </span>
  );
}
