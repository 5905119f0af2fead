import { API_RESOURCES, canAccess, type ApiResourceName, type SessionInfo } from '@dvp/api';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import type { MessageKey } from '../i18n/i18n.tsx';
import { api, call, onSessionExpired, sessionExpired, setCsrfToken } from './client.ts';
import { q } from './query.ts';
import { getStreamClient } from './watch.ts';

interface SessionApi {
  session: SessionInfo;
  /** The session ended while the console was open (the BFF answered 401). */
  expired: boolean;
  /** Embedded mode: sign in as one of the sandbox's example users. */
  switchUser: (username: string) => Promise<void>;
  signIn: (token: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

/** After the user changed: new CSRF token, a fresh cache and a new event stream. */
function useAdopt() {
  const client = useQueryClient();
  return useCallback(
    (info: SessionInfo) => {
      setCsrfToken(info.csrfToken);
      client.setQueryData(q(api.sessionView, {}).queryKey, info);
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== 'sessionView' });
      getStreamClient()?.start();
    },
    [client],
  );
}

/**
 * Holds the session (`GET /api/session`); renders `fallback` until it is known, `signIn` while
 * signed out. A 401 from any call ends the session in place: the sign-in page shows at the same
 * URL, and signing in again renders the page the user was on.
 */
export function SessionProvider({
  children,
  signIn: signInPage,
  fallback,
}: {
  children: ReactNode;
  signIn: ReactNode;
  fallback: ReactNode;
}) {
  const { data } = useQuery({ ...q(api.sessionView, {}), staleTime: Infinity });
  const client = useQueryClient();
  const adoptSession = useAdopt();
  const [expired, setExpired] = useState(false);
  const adopt = useCallback(
    (info: SessionInfo) => {
      setExpired(false);
      adoptSession(info);
    },
    [adoptSession],
  );
  useEffect(
    () =>
      onSessionExpired(() => {
        setExpired(true);
        getStreamClient()?.stop();
        client.setQueryData<SessionInfo>(q(api.sessionView, {}).queryKey, (info) => {
          if (!info) return info;
          const { user: _user, csrfToken: _csrf, ...rest } = info;
          return { ...rest, authenticated: false };
        });
      }),
    [client],
  );
  // Signed out in another tab (sessions are cookies: nothing tells this tab): when the user comes
  // back to it, ask the BFF, so the sign-in page shows before any action fails.
  const signedIn = !!data?.authenticated && !expired;
  useEffect(() => {
    if (!signedIn) return;
    const check = () => {
      if (document.visibilityState !== 'visible') return;
      call(api.sessionView, { params: {} }).then(
        (info) => {
          if (!info.authenticated) sessionExpired();
        },
        () => undefined, // unreachable BFF: the stream's reconnecting state says so
      );
    };
    document.addEventListener('visibilitychange', check);
    window.addEventListener('focus', check);
    return () => {
      document.removeEventListener('visibilitychange', check);
      window.removeEventListener('focus', check);
    };
  }, [signedIn]);
  const switchUser = useCallback(
    async (user: string) => adopt(await call(api.sessionCreate, { params: {}, body: { user } })),
    [adopt],
  );
  const signIn = useCallback(
    async (token: string) => adopt(await call(api.sessionCreate, { params: {}, body: { token } })),
    [adopt],
  );
  const signOut = useCallback(
    async () => adopt(await call(api.sessionDelete, { params: {} })),
    [adopt],
  );
  const value = useMemo(
    () => (data ? { session: data, expired, switchUser, signIn, signOut } : null),
    [data, expired, switchUser, signIn, signOut],
  );
  if (!data || !value) return <>{fallback}</>;
  setCsrfToken(data.csrfToken);
  if (!data.authenticated)
    return <SessionContext.Provider value={value}>{signInPage}</SessionContext.Provider>;
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

/** A capability answer: allowed, or not with the reason to show on the disabled control. */
export interface Capability {
  allowed: boolean;
  /** Why not (a message key), when not allowed. */
  reason?: MessageKey;
  /** True until `/api/me` answered. */
  pending: boolean;
}

/**
 * May the user `verb` the `resource` (optionally a subresource: `virtualmachines/console`) in
 * `namespace` (cluster-wide when absent)? From `/api/me`'s SelfSubjectRulesReview; the cluster
 * still decides every request.
 */
export function useCan(
  verb: string,
  resource: string,
  namespace?: string,
  name?: string,
): Capability {
  const me = useQuery({
    ...q(api.me, {}, namespace ? { namespace } : {}),
    staleTime: 60_000,
  });
  if (!me.data) return { allowed: false, pending: true, reason: 'common.loading' };
  const base = resource.split('/')[0] as ApiResourceName;
  const group = resource.includes('/')
    ? 'subresources.virtualization.deckhouse.io'
    : (API_RESOURCES[base]?.group ?? '');
  const allowed = canAccess(me.data.access, verb, group, resource, name);
  return allowed
    ? { allowed, pending: false }
    : { allowed, pending: false, reason: 'common.forbidden' };
}
