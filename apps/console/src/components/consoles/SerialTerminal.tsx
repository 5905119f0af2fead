import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { buildPath, CONSOLE_PATH } from '@dvp/api';
import { useEffect, useRef, useState } from 'react';
import { bffWebSocketUrl } from '../../api/base-path.ts';
import { useT } from '../../i18n/i18n.tsx';
import { toast } from '../../stores/toast.ts';
import { Button } from '../../ui/Button.tsx';
import { ConnectionStatus } from './ConnectionStatus.tsx';
import { shouldReconnect, stateOfClose, type ConnState } from './connection.ts';
import { TerminalSearch } from './TerminalSearch.tsx';
import { terminalTheme } from './terminal-theme.ts';
import './consoles.css';

/** KubeVirt's subprotocol (binary frames); the BFF accepts it from browsers. */
const PROTOCOLS = ['plain.kubevirt.io'];

/**
 * The VM's serial console: an xterm.js terminal on the BFF's console websocket. One terminal and
 * one socket per `session`, created in an effect and disposed on cleanup (StrictMode-safe);
 * events of a previous session are ignored.
 */
export function SerialTerminal({
  namespace,
  name,
  session,
  onReconnect,
}: {
  namespace: string;
  name: string;
  session: number;
  onReconnect: () => void;
}) {
  const t = useT();
  const hostRef = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | null>(null);
  const searchRef = useRef<SearchAddon | null>(null);
  const [state, setState] = useState<ConnState>({ status: 'connecting' });

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    let live = true;
    const term = new Terminal({
      convertEol: false,
      cursorBlink: true,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
      fontSize: 14,
      scrollback: 5000,
      theme: terminalTheme(host),
    });
    const fit = new FitAddon();
    const search = new SearchAddon();
    term.loadAddon(fit);
    term.loadAddon(search);
    term.open(host);
    const refit = () => {
      // A hidden or zero-sized host (tab switching) has nothing to fit to.
      if (host.clientWidth > 0 && host.clientHeight > 0) fit.fit();
    };
    refit();
    const ro = new ResizeObserver(refit);
    ro.observe(host);
    termRef.current = term;
    searchRef.current = search;

    // One terminal for the session; sockets come and go under it (reconnects keep the scrollback).
    let ws: WebSocket | undefined;
    let attempt = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const encoder = new TextEncoder();
    const send = (bytes: Uint8Array<ArrayBuffer>) => {
      if (ws?.readyState === WebSocket.OPEN) ws.send(bytes);
    };
    const onData = term.onData((d) => send(encoder.encode(d)));
    // Binary input (some mouse reports) is one byte per char code.
    const onBinary = term.onBinary((d) => send(Uint8Array.from(d, (c) => c.charCodeAt(0) & 0xff)));
    const connect = () => {
      const socket = new WebSocket(
        bffWebSocketUrl(buildPath(CONSOLE_PATH, { namespace, name })),
        PROTOCOLS,
      );
      ws = socket;
      socket.binaryType = 'arraybuffer';
      let opened = false;
      socket.onopen = () => {
        if (!live) return;
        opened = true;
        attempt = 0;
        setState({ status: 'connected' });
        // As `d8 v console`: a carriage return makes the guest print its prompt again.
        send(encoder.encode('\r'));
        term.focus();
      };
      socket.onmessage = (e: MessageEvent<ArrayBuffer | string>) => {
        if (!live) return;
        term.write(typeof e.data === 'string' ? e.data : new Uint8Array(e.data));
      };
      socket.onclose = (e) => {
        if (!live) return;
        const next = stateOfClose(e.code, opened);
        if (shouldReconnect(next, attempt)) {
          // Follow the VM (a migration moves its serial port to another node).
          attempt += 1;
          setState({ status: 'connecting' });
          retry = setTimeout(connect, 1500);
          return;
        }
        setState(next);
      };
    };
    connect();

    return () => {
      live = false;
      ro.disconnect();
      onData.dispose();
      onBinary.dispose();
      clearTimeout(retry);
      ws?.close(1000, 'console closed');
      termRef.current = null;
      searchRef.current = null;
      term.dispose();
    };
  }, [namespace, name, session]);

  const paste = async () => {
    try {
      const text = await navigator.clipboard.readText();
      // `paste` honours bracketed-paste mode and arrives through onData as bytes.
      if (text) termRef.current?.paste(text);
    } catch {
      toast('error', t('consoles.tty.pasteDenied'));
    }
    termRef.current?.focus();
  };

  const copy = async () => {
    const sel = termRef.current?.getSelection() ?? '';
    if (!sel) return;
    try {
      await navigator.clipboard.writeText(sel);
      toast('success', t('consoles.tty.copied'));
    } catch {
      toast('error', t('consoles.tty.copyDenied'));
    }
  };

  const connected = state.status === 'connected';
  return (
    <div className="console">
      <div className="console-toolbar" role="toolbar" aria-label={t('consoles.tty.toolbar')}>
        <ConnectionStatus state={state} />
        <Button size="sm" onClick={() => void copy()}>
          {t('consoles.tty.copy')}
        </Button>
        <Button
          size="sm"
          onClick={() => void paste()}
          disabledReason={connected ? undefined : t('consoles.notConnected')}
          aria-keyshortcuts="Control+Shift+V"
        >
          {t('consoles.tty.paste')}
        </Button>
        <Button size="sm" onClick={() => termRef.current?.clear()}>
          {t('consoles.tty.clear')}
        </Button>
        <TerminalSearch search={searchRef} />
        <Button size="sm" variant={connected ? 'secondary' : 'primary'} onClick={onReconnect}>
          {t('consoles.reconnect')}
        </Button>
      </div>
      <div
        ref={hostRef}
        className="console-terminal"
        role="region"
        aria-label={t('consoles.tty.terminal', { name })}
      />
      <p className="console-hint">{t('consoles.tty.hint')}</p>
    </div>
  );
}
