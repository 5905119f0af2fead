import { describe, expect, it } from 'vitest';

import {
  anonymousUser,
  authenticateBearer,
  formatTokenLine,
  generateTokensFile,
  loadTokens,
  parseBearer,
  withAuthenticatedGroup,
} from './tokens.ts';
import { sandboxUsers } from './users.ts';

describe('loadTokens', () => {
  it('reads kube token-auth-file records with quoted groups', () => {
    const t = loadTokens('t1,alice,u-1\nt2,bob,u-2,"viewers,devs"\nt3,carol,u-3,ops\n');
    expect(t.entries.map((e) => e.user)).toEqual([
      { username: 'alice', uid: 'u-1', groups: [] },
      { username: 'bob', uid: 'u-2', groups: ['viewers', 'devs'] },
      { username: 'carol', uid: 'u-3', groups: ['ops'] },
    ]);
    expect(t.warnings).toEqual([]);
  });

  it('handles CRLF, blank lines, leading spaces and doubled quotes', () => {
    const t = loadTokens('\r\n t1, "a ""quoted"" user",u1\r\n\r\nt2,b,\r\n');
    expect(t.entries.map((e) => e.user.username)).toEqual(['a "quoted" user', 'b']);
    // An empty uid column is allowed; it just sets no uid.
    expect(t.entries[1]?.user.uid).toBeUndefined();
  });

  it('rejects records with fewer than three columns', () => {
    expect(() => loadTokens('t1,alice\n')).toThrow(/at least 3 columns.*found 2/);
  });

  it('rejects an unterminated quote and text after a closing quote', () => {
    expect(() => loadTokens('t1,alice,u1,"a,b\n')).toThrow(/quoted-field/);
    expect(() => loadTokens('t1,"alice" x,u1\n')).toThrow(/quoted-field/);
  });

  it('skips empty tokens and lets a duplicate win, with warnings', () => {
    const t = loadTokens(',ghost,u0\nt1,first,u1\nt1,second,u2\n');
    expect(t.entries.map((e) => e.user.username)).toEqual(['second']);
    expect(t.warnings).toEqual([
      "empty token has been found in token file, record number '1'",
      "duplicate token has been found in token file, record number '3'",
    ]);
  });
});

describe('parseBearer', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['bearer abc', 'abc'],
    ['  BEARER abc  ', 'abc'],
    ['Bearer abc extra', 'abc'],
    ['Bearer  abc', undefined],
    ['Bearer', undefined],
    ['Basic YTpi', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %j', (header, token) => {
    expect(parseBearer(header)).toBe(token);
  });
});

describe('authenticateBearer', () => {
  const tokens = loadTokens(
    'secret-a,alice,u-a\nsecret-m,root,u-r,system:masters\nsecret-x,x,u-x,system:authenticated\n',
  );

  it('returns the user with system:authenticated appended', () => {
    expect(authenticateBearer('Bearer secret-a', tokens)).toEqual({
      username: 'alice',
      uid: 'u-a',
      groups: ['system:authenticated'],
    });
    expect(authenticateBearer('Bearer secret-m', tokens)?.groups).toEqual([
      'system:masters',
      'system:authenticated',
    ]);
  });

  it('does not add system:authenticated twice', () => {
    expect(authenticateBearer('Bearer secret-x', tokens)?.groups).toEqual(['system:authenticated']);
  });

  it('rejects unknown, prefix and empty tokens', () => {
    expect(authenticateBearer('Bearer secret', tokens)).toBeUndefined();
    expect(authenticateBearer('Bearer secret-a2', tokens)).toBeUndefined();
    expect(authenticateBearer('Bearer ', tokens)).toBeUndefined();
    expect(authenticateBearer(undefined, tokens)).toBeUndefined();
  });

  it('does not mutate the stored user', () => {
    authenticateBearer('Bearer secret-a', tokens);
    expect(tokens.entries[0]?.user.groups).toEqual([]);
  });
});

describe('group adder and anonymous', () => {
  it('leaves anonymous and unauthenticated users alone', () => {
    expect(withAuthenticatedGroup(anonymousUser())).toEqual({
      username: 'system:anonymous',
      groups: ['system:unauthenticated'],
    });
    expect(
      withAuthenticatedGroup({ username: 'x', groups: ['system:unauthenticated'] }).groups,
    ).toEqual(['system:unauthenticated']);
  });
});

describe('generateTokensFile', () => {
  it('issues a distinct random token per default user, and the file loads back', () => {
    const { text, tokens } = generateTokensFile();
    expect(Object.keys(tokens).sort()).toEqual(sandboxUsers.map((u) => u.username).sort());
    const values = Object.values(tokens);
    expect(new Set(values).size).toBe(values.length);
    for (const token of values) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const table = loadTokens(text);
    for (const u of sandboxUsers) {
      const authed = authenticateBearer(`Bearer ${tokens[u.username] ?? ''}`, table);
      expect(authed).toEqual({
        username: u.username,
        uid: u.uid,
        groups: [...u.groups, 'system:authenticated'],
      });
    }
    expect(authenticateBearer('Bearer admin', table)).toBeUndefined();
  });

  it('differs between calls', () => {
    expect(generateTokensFile().text).not.toBe(generateTokensFile().text);
  });

  it('quotes multi-group and special fields', () => {
    expect(formatTokenLine('t', { username: 'a b', uid: 'u', groups: ['g1', 'g2'] })).toBe(
      't,"a b",u,"g1,g2"',
    );
    expect(formatTokenLine('t', { username: 'say "hi"', uid: 'u', groups: [] })).toBe(
      't,"say ""hi""",u',
    );
    const back = loadTokens(
      formatTokenLine('t', { username: 'say "hi"', uid: 'u', groups: ['g1', 'g2'] }),
    );
    expect(back.entries[0]?.user).toEqual({ username: 'say "hi"', uid: 'u', groups: ['g1', 'g2'] });
  });
});
