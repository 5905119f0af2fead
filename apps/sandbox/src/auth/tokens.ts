import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

import type { UserInfo } from '../apiserver/types.ts';
import { sandboxUsers, type SandboxUser } from './users.ts';

/**
 * Static bearer tokens in the format of kube-apiserver's `--token-auth-file`:
 * `token,user,uid[,"group1,group2"]`, one record per line, standard CSV quoting.
 * The same file therefore works with a real kube-apiserver.
 */
export interface TokenEntry {
  token: string;
  user: UserInfo;
}

/** A parsed token file. Lookups go through {@link authenticateBearer}, never by key. */
export interface TokenTable {
  readonly entries: readonly TokenEntry[];
  /** Non-fatal findings (empty or duplicate tokens), worded as kube logs them. */
  readonly warnings: readonly string[];
}

export const AUTHENTICATED_GROUP = 'system:authenticated';
export const UNAUTHENTICATED_GROUP = 'system:unauthenticated';
export const ANONYMOUS_USER = 'system:anonymous';

/** RFC 4180 records, as Go's encoding/csv reads them with `TrimLeadingSpace`; blank lines skipped. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let atFieldStart = true;
  let i = 0;
  const endRecord = (): void => {
    record.push(field);
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
    field = '';
    atFieldStart = true;
  };
  while (i < text.length) {
    const c = text[i] ?? '';
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = false;
        const after = text[i + 1];
        // Go's reader (without LazyQuotes) allows only a separator after a closing quote.
        if (after !== undefined && after !== ',' && after !== '\n' && after !== '\r') {
          throw new Error('token file: extraneous or missing " in quoted-field');
        }
      } else {
        field += c;
      }
      i += 1;
      continue;
    }
    if (atFieldStart && (c === ' ' || c === '\t')) {
      i += 1;
      continue;
    }
    if (atFieldStart && c === '"') {
      quoted = true;
      atFieldStart = false;
      i += 1;
      continue;
    }
    atFieldStart = false;
    if (c === ',') {
      record.push(field);
      field = '';
      atFieldStart = true;
    } else if (c === '\n' || c === '\r') {
      endRecord();
      if (c === '\r' && text[i + 1] === '\n') i += 1;
    } else {
      field += c;
    }
    i += 1;
  }
  if (quoted) throw new Error('token file: extraneous or missing " in quoted-field');
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

/**
 * Parses a token file. Mirrors kube's tokenfile authenticator: fewer than three columns is an
 * error, an empty token is skipped with a warning, a duplicate token wins over the earlier one.
 * @throws Error naming the bad record.
 */
export function loadTokens(text: string): TokenTable {
  const byToken = new Map<string, TokenEntry>();
  const warnings: string[] = [];
  parseCsv(text).forEach((record, index) => {
    const recordNumber = index + 1;
    const [token, name, uid, groups] = record;
    if (token === undefined || name === undefined || uid === undefined) {
      throw new Error(
        `token file must have at least 3 columns (token, user name, user uid), found ${record.length}`,
      );
    }
    if (token === '') {
      warnings.push(`empty token has been found in token file, record number '${recordNumber}'`);
      return;
    }
    if (byToken.has(token)) {
      warnings.push(
        `duplicate token has been found in token file, record number '${recordNumber}'`,
      );
    }
    const user: UserInfo = {
      username: name,
      ...(uid !== '' ? { uid } : {}),
      groups: groups === undefined ? [] : groups.split(','),
    };
    byToken.set(token, { token, user });
  });
  return { entries: [...byToken.values()], warnings };
}

/**
 * The token of an `Authorization: Bearer <token>` header, parsed as kube's bearertoken
 * authenticator does (scheme case-insensitive, surrounding space trimmed). Undefined when the
 * header is absent, not a bearer header, or carries an empty token.
 */
export function parseBearer(header: string | undefined): string | undefined {
  const auth = header?.trim() ?? '';
  if (auth === '') return undefined;
  const parts = auth.split(' ');
  const [scheme, token] = parts;
  if (parts.length < 2 || scheme?.toLowerCase() !== 'bearer' || !token) return undefined;
  return token;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Kube's `AuthenticatedGroupAdder`: every authenticated user except `system:anonymous` carries
 * `system:authenticated`, unless it already has it or `system:unauthenticated`.
 */
export function withAuthenticatedGroup(user: UserInfo): UserInfo {
  if (user.username === ANONYMOUS_USER) return user;
  if (user.groups.some((g) => g === AUTHENTICATED_GROUP || g === UNAUTHENTICATED_GROUP)) {
    return user;
  }
  return { ...user, groups: [...user.groups, AUTHENTICATED_GROUP] };
}

/**
 * The user a bearer header authenticates, with `system:authenticated` added; undefined when there
 * is no bearer token or it matches no entry. The server answers 401 when a token was sent but not
 * recognised ({@link parseBearer} tells the two apart), as kube does even with anonymous auth on.
 * Every entry is compared, through equal-length digests, so timing does not reveal a near match.
 */
export function authenticateBearer(
  header: string | undefined,
  tokens: TokenTable,
): UserInfo | undefined {
  const token = parseBearer(header);
  if (token === undefined) return undefined;
  const presented = digest(token);
  let match: TokenEntry | undefined;
  for (const entry of tokens.entries) {
    if (timingSafeEqual(presented, digest(entry.token)) && match === undefined) match = entry;
  }
  return match ? withAuthenticatedGroup(match.user) : undefined;
}

/** Who an unauthenticated request is, should the server allow anonymous requests. */
export function anonymousUser(): UserInfo {
  return { username: ANONYMOUS_USER, groups: [UNAUTHENTICATED_GROUP] };
}

function csvField(value: string): string {
  return /[",\s]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One token-file line for a user. */
export function formatTokenLine(
  token: string,
  user: Pick<SandboxUser, 'username' | 'uid' | 'groups'>,
): string {
  const fields = [token, user.username, user.uid];
  if (user.groups.length > 0) fields.push(user.groups.join(','));
  return fields.map(csvField).join(',');
}

/**
 * A token file for the default users ({@link sandboxUsers}), each with a fresh 256-bit random
 * token (base64url, so it needs no quoting). Returns the file text and the tokens by user name.
 */
export function generateTokensFile(users: readonly SandboxUser[] = sandboxUsers): {
  text: string;
  tokens: Record<string, string>;
} {
  const tokens: Record<string, string> = {};
  const lines = users.map((user) => {
    const token = randomBytes(32).toString('base64url');
    tokens[user.username] = token;
    return formatTokenLine(token, user);
  });
  return { text: `${lines.join('\n')}\n`, tokens };
}
