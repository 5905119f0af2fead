import RFB from '@novnc/novnc';
import { buildPath, VNC_PATH } from '@dvp/api';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { bffWebSocketUrl } from '../../api/base-path.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { toast } from '../../stores/toast.ts';
import { Button } from '../../ui/Button.tsx';
import { Menu } from '../../ui/Menu.tsx';
import { ConnectionStatus } from './ConnectionStatus.tsx';
import { stateOfClose, type ConnState } from './connection.ts';
import { KEY_COMBOS, sendCombo } from './key-combos.ts';
import { PasteKeystrokesDialog } from './PasteKeystrokesDialog.tsx';
import { downloadBlob, screenshotName } from './screenshot.ts';
import { SCALE_MODES, ScaleSelect, type ScaleMode } from './ScaleSelect.tsx';
import { useFullscreen } from './useFullscreen.ts';
import './consoles.css';

/** noVNC's subprotocol name for raw binary frames; the BFF accepts it. */
const PROTOCOLS = ['binary'];

function applyScale(rfb: RFB, mode: ScaleMode): void {
  rfb.scaleViewport = mode === 'fit';
  rfb.resizeSession = mode === 'remote';
  rfb.clipViewport = false;
}

/**
 * The VM's screen over VNC: noVNC on the BFF's websocket. One RFB (and one socket, ours, so the
 * close code is readable) per `session`; events of a previous session are ignored. Scaling and
 * the paste dialog live in the URL (`?scale=`, `?dialog=paste`).
 */
export function VncConsole({
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
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const scaleParam = params.get('scale');
  const scale: ScaleMode = SCALE_MODES.find((m) => m === scaleParam) ?? 'fit';
  const pasteOpen = params.get('dialog') === 'paste';
  const frameRef = useRef<HTMLDivElement>(null);
  const screenRef = useRef<HTMLDivElement>(null);
  const rfbRef = useRef<RFB | null>(null);
  const [state, setState] = useState<ConnState>({ status: 'connecting' });
  const fullscreen = useFullscreen(frameRef);

  useEffect(() => {
    const screen = screenRef.current;
    if (!screen) return;
    let live = true;
    let opened = false;
    const ws = new WebSocket(bffWebSocketUrl(buildPath(VNC_PATH, { namespace, name })), PROTOCOLS);
    ws.binaryType = 'arraybuffer';
    // Listeners, not on* handlers: noVNC owns those once it attaches to the socket.
    ws.addEventListener('open', () => {
      opened = true;
    });
    ws.addEventListener('close', (e) => {
      if (live) setState(stateOfClose(e.code, opened));
    });
    const rfb = new RFB(screen, ws, { shared: true });
    rfb.background = 'var(--console-bg, #000)';
    rfb.addEventListener('connect', () => {
      if (live) setState({ status: 'connected' });
    });
    rfb.addEventListener('securityfailure', () => {
      if (live) setState({ status: 'failed', reason: 'refused' });
    });
    rfbRef.current = rfb;
    return () => {
      live = false;
      rfbRef.current = null;
      rfb.disconnect();
    };
  }, [namespace, name, session]);

  // Declared after the session effect, so it also applies to each new RFB.
  useEffect(() => {
    if (rfbRef.current) applyScale(rfbRef.current, scale);
  }, [scale, namespace, name, session]);

  const setParam = useCallback(
    (key: string, value: string | null) =>
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          if (value === null) next.delete(key);
          else next.set(key, value);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const sendKey = useCallback((keysym: number, code: string, down: boolean) => {
    rfbRef.current?.sendKey(keysym, code, down);
  }, []);

  const screenshot = () => {
    const rfb = rfbRef.current;
    if (!rfb) return;
    rfb.toBlob((blob) => {
      if (blob) downloadBlob(blob, screenshotName(name));
      else toast('error', t('consoles.vnc.screenshotFailed'));
    }, 'image/png');
  };

  const connected = state.status === 'connected';
  const notConnected = connected ? undefined : t('consoles.notConnected');
  return (
    <div className="console console-vnc" ref={frameRef}>
      <div className="console-toolbar" role="toolbar" aria-label={t('consoles.vnc.toolbar')}>
        <ConnectionStatus state={state} />
        <ScaleSelect value={scale} onChange={(m) => setParam('scale', m === 'fit' ? null : m)} />
        <Button
          size="sm"
          onClick={() => rfbRef.current?.sendCtrlAltDel()}
          disabledReason={notConnected}
        >
          {t('consoles.vnc.ctrlAltDel')}
        </Button>
        <Menu
          label={t('consoles.vnc.keys')}
          trigger={t('consoles.vnc.keys')}
          items={KEY_COMBOS.map((c) => ({
            id: c.id,
            label: t(c.label),
            disabledReason: notConnected,
            onSelect: () => {
              sendCombo(sendKey, c.keys);
              rfbRef.current?.focus();
            },
          }))}
        />
        <Button size="sm" onClick={() => setParam('dialog', 'paste')} disabledReason={notConnected}>
          {t('consoles.vnc.paste')}
        </Button>
        <Button size="sm" onClick={screenshot} disabledReason={notConnected}>
          {t('consoles.vnc.screenshot')}
        </Button>
        <Button size="sm" onClick={fullscreen.toggle} aria-pressed={fullscreen.active}>
          {t(fullscreen.active ? 'consoles.vnc.exitFullscreen' : 'consoles.vnc.fullscreen')}
        </Button>
        <Button size="sm" variant={connected ? 'secondary' : 'primary'} onClick={onReconnect}>
          {t('consoles.reconnect')}
        </Button>
      </div>
      <div
        ref={screenRef}
        className={`console-screen console-screen-${scale}`}
        role="region"
        aria-label={t('consoles.vnc.screen', { name })}
      />
      <p className="console-hint">{t('consoles.vnc.hint')}</p>
      <PasteKeystrokesDialog
        open={pasteOpen}
        onClose={() => {
          setParam('dialog', null);
          rfbRef.current?.focus();
        }}
        sendKey={sendKey}
        defaultLayout={locale === 'ru' ? 'ru' : 'us'}
      />
    </div>
  );
}
