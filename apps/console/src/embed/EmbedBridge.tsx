import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { basePath } from '../api/base-path.ts';
import { onSessionExpired } from '../api/client.ts';
import { isLocale, useI18n } from '../i18n/i18n.tsx';
import { applyTheme } from '../stores/theme.ts';
import {
  createHostChannel,
  isEmbedded,
  primaryLanguage,
  routerPath,
  type HostChannel,
} from './embed.ts';
import './embed.css';

/** The content height, for hosts that size the iframe to it. */
function contentHeight(): number {
  const root = document.getElementById('root');
  return Math.ceil(root ? root.getBoundingClientRect().height : document.body.scrollHeight);
}

function Bridge() {
  const [channel] = useState<HostChannel>(createHostChannel);
  const { setLocale } = useI18n();
  const navigate = useNavigate();
  const { pathname, search, hash } = useLocation();

  // Once: ready, session expiry, height and title observers.
  useEffect(() => {
    channel.post({ type: 'dvp:ready', version: 1 });
    const offSession = onSessionExpired(() => channel.post({ type: 'dvp:session-expired' }));

    // Height: whenever the content resizes (pages, lazy tabs, dialogs, toasts).
    let lastHeight = -1;
    const sendHeight = () => {
      const height = contentHeight();
      if (height === lastHeight) return;
      lastHeight = height;
      channel.post({ type: 'dvp:height', height });
    };
    const ro = new ResizeObserver(sendHeight);
    ro.observe(document.getElementById('root') ?? document.body);
    sendHeight();

    // Title: pages set document.title, sometimes after their data loads: watch <head>.
    let lastTitle: string | undefined;
    const sendTitle = () => {
      if (document.title === lastTitle) return;
      lastTitle = document.title;
      channel.post({ type: 'dvp:title', title: document.title });
    };
    const mo = new MutationObserver(sendTitle);
    mo.observe(document.head, { subtree: true, childList: true, characterData: true });
    sendTitle();

    return () => {
      offSession();
      ro.disconnect();
      mo.disconnect();
    };
  }, [channel]);

  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      const accepted = channel.accept(e);
      if (!accepted) return;
      const { msg, introduced } = accepted;
      if (introduced) {
        // Without a referrer we only learn the host's origin now: tell it what it missed.
        channel.post({ type: 'dvp:ready', version: 1 });
        channel.post({ type: 'dvp:route', path: `${pathname}${search}${hash}` });
        channel.post({ type: 'dvp:title', title: document.title });
        channel.post({ type: 'dvp:height', height: contentHeight() });
      }
      if (msg.type === 'dvp:locale') {
        const l = primaryLanguage(msg.locale);
        if (isLocale(l)) setLocale(l);
      } else if (msg.type === 'dvp:theme') applyTheme(msg.theme);
      else void navigate(routerPath(msg.path, basePath()));
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [channel, setLocale, navigate, pathname, search, hash]);

  // Every navigation: the route, and the title (also when the new page keeps the same title).
  useEffect(() => {
    channel.post({ type: 'dvp:route', path: `${pathname}${search}${hash}` });
    channel.post({ type: 'dvp:title', title: document.title });
  }, [channel, pathname, search, hash]);

  return null;
}

/** The postMessage bridge to a portal host (README § Console → Embedding); inert standalone. */
export function EmbedBridge() {
  return isEmbedded() && window.parent !== window ? <Bridge /> : null;
}
