import type { ConsoleHolder } from '@dvp/api';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, call } from '../../api/client.ts';
import { parseHolder } from './connection.ts';

export type ConsoleKind = 'console' | 'vnc';

/**
 * Before a console connects: who holds it? DVP keeps one stream per VM and kind, so connecting
 * preempts the holder; we ask first, as `d8 v console` does.
 */
export type GateStep =
  | { step: 'probing' }
  | { step: 'held'; holder: ConsoleHolder & { holder: string } }
  /** Connect; `session` changes on every (re)connect so the console recreates its socket. */
  | { step: 'open'; session: number };

/** Who holds the session; any failure (an older platform, no right to probe) means "unknown". */
async function fetchHolder(kind: ConsoleKind, namespace: string, name: string) {
  const e = kind === 'console' ? api.vmConsoleProbe : api.vmVncProbe;
  const raw: unknown = await call(e, {
    params: { namespace, name },
    query: { probe: 'true' },
  }).catch(() => undefined);
  return parseHolder(raw);
}

/**
 * The probe-then-connect flow of one console, started on mount (the caller mounts it only while
 * the VM is Running or Migrating and the user may open the console).
 */
export function useConsoleGate(
  kind: ConsoleKind,
  namespace: string,
  name: string,
): { gate: GateStep; reconnect: () => void; takeOver: () => void } {
  const [gate, setGate] = useState<GateStep>({ step: 'probing' });
  const sessions = useRef(0);
  const probeId = useRef(0);

  const open = useCallback(() => {
    sessions.current += 1;
    setGate({ step: 'open', session: sessions.current });
  }, []);

  /** Probes and moves on; answers of a superseded probe (or after unmount) are dropped. */
  const probe = useCallback(() => {
    const id = ++probeId.current;
    void fetchHolder(kind, namespace, name).then((holder) => {
      if (id !== probeId.current) return;
      if (holder) setGate({ step: 'held', holder });
      else open();
    });
  }, [kind, namespace, name, open]);

  useEffect(() => {
    probe();
    return () => {
      probeId.current += 1;
    };
  }, [probe]);

  const reconnect = useCallback(() => {
    setGate({ step: 'probing' });
    probe();
  }, [probe]);

  return { gate, reconnect, takeOver: open };
}
