import { createHash } from 'node:crypto';

/**
 * Who a Kubernetes request runs as. Every call made for a browser request uses that user's
 * identity; `service` (the BFF's own account) is used only for the shared watch cache, access
 * reviews never, and impersonation carries the user's name and groups.
 */
export type Identity =
  | { kind: 'token'; token: string; key: string }
  | { kind: 'impersonate'; user: string; groups: string[]; uid?: string; key: string }
  | { kind: 'service'; key: 'service' };

const digest = (s: string) => createHash('sha256').update(s).digest('base64url').slice(0, 22);

export function tokenIdentity(token: string): Identity {
  return { kind: 'token', token, key: `t:${digest(token)}` };
}

export function impersonation(user: string, groups: string[] = [], uid?: string): Identity {
  const key = `i:${digest(JSON.stringify([user, [...groups].sort(), uid ?? '']))}`;
  return uid
    ? { kind: 'impersonate', user, groups, uid, key }
    : { kind: 'impersonate', user, groups, key };
}

export const SERVICE_IDENTITY: Identity = { kind: 'service', key: 'service' };
