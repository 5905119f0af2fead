import type { Identity } from '../auth/identity.ts';
import type { SessionData } from '../auth/session.ts';

/** How the current request is authenticated. */
export interface RequestAuth {
  identity: Identity;
  /** `bearer`: an Authorization header (no CSRF needed); `cookie`: a session; `proxy`: auth proxy. */
  source: 'bearer' | 'cookie' | 'proxy';
  /** Cookie sessions only. */
  session?: SessionData;
  /** Embedded mode: the sandbox user acted as. */
  sandboxUser?: string;
}

declare global {
  // Express merges its Request type with this global namespace (the documented extension point).
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set by the request-id middleware. */
      id: string;
      /** Set by `authenticate` on API routes; absent when not signed in. */
      auth?: RequestAuth;
    }
  }
}
