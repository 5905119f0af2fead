/**
 * Embedded mode for portals (`?embed=1`): the console hides its own chrome and talks to the host
 * page with postMessage. The contract is documented in README § Embedding.
 */

const FLAG = 'dvp.embed';

/** True when the console runs embedded (remembered for the tab, so in-app navigation keeps it). */
export function isEmbedded(): boolean {
  const param = new URLSearchParams(location.search).get('embed');
  if (param === '1') {
    try {
      sessionStorage.setItem(FLAG, '1');
    } catch {
      // storage blocked: the flag holds for this page load only
    }
    return true;
  }
  try {
    return sessionStorage.getItem(FLAG) === '1';
  } catch {
    return false;
  }
}

/** Messages the console sends to its host. */
export type ConsoleToHost =
  | { type: 'dvp:ready'; version: 1 }
  | { type: 'dvp:title'; title: string }
  | { type: 'dvp:route'; path: string }
  | { type: 'dvp:height'; height: number }
  | { type: 'dvp:session-expired' };

/** Messages the host may send. */
export type HostToConsole =
  | { type: 'dvp:locale'; locale: string }
  | { type: 'dvp:theme'; theme: 'light' | 'dark' | 'system' }
  | { type: 'dvp:navigate'; path: string };
