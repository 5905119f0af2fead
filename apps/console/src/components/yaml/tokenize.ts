/**
 * A small line-based YAML tokenizer for the editor's highlight overlay. It only needs to colour
 * what people read (keys, strings, numbers, comments, literals); it never decides validity —
 * the `yaml` package does that. Block scalars (`key: |`) are tracked so their lines stay plain
 * text (a `#` inside a cloud-init script is not a comment).
 */
export type TokenKind = 'key' | 'string' | 'number' | 'comment' | 'literal' | 'punct' | 'text';

export interface Token {
  kind: TokenKind;
  text: string;
}

const NUMBER_RE = /^[-+]?(\d[\d_]*(\.\d*)?([eE][-+]?\d+)?|0x[0-9a-fA-F]+|\.inf|\.nan)$/;
const LITERAL_RE = /^(true|false|True|False|TRUE|FALSE|null|Null|NULL|~|yes|no)$/;
const KEY_RE = /^(\s*(?:-\s+)*)((?:"[^"]*"|'[^']*'|[^\s#'"{}[\],][^#]*?))(\s*:)(?=\s|$)/;

function scalarKind(value: string): TokenKind {
  const v = value.trim();
  if (v === '') return 'text';
  if (v.startsWith('"') || v.startsWith("'")) return 'string';
  if (NUMBER_RE.test(v)) return 'number';
  if (LITERAL_RE.test(v)) return 'literal';
  return 'string';
}

/** Splits a value part into value and trailing comment (a `#` after whitespace, outside quotes). */
function splitComment(rest: string): [string, string] {
  let quote: string | undefined;
  for (let i = 0; i < rest.length; i += 1) {
    const ch = rest[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '#' && (i === 0 || /\s/.test(rest[i - 1] ?? ''))) {
      return [rest.slice(0, i), rest.slice(i)];
    }
  }
  return [rest, ''];
}

function valueTokens(rest: string, out: Token[]): void {
  const [value, comment] = splitComment(rest);
  const m = /^(\s*)(.*?)(\s*)$/.exec(value);
  const [lead = '', body = '', trail = ''] = m ? m.slice(1) : ['', value, ''];
  if (lead) out.push({ kind: 'text', text: lead });
  if (body) {
    if (body === '|' || body === '>' || /^[|>][-+0-9]*$/.test(body)) {
      out.push({ kind: 'punct', text: body });
    } else {
      out.push({ kind: scalarKind(body), text: body });
    }
  }
  if (trail) out.push({ kind: 'text', text: trail });
  if (comment) out.push({ kind: 'comment', text: comment });
}

function indentOf(line: string): number {
  return /^\s*/.exec(line)?.[0].length ?? 0;
}

/** Tokenizes a whole document; one token list per line. */
export function tokenizeYaml(source: string): Token[][] {
  const lines = source.split('\n');
  const result: Token[][] = [];
  // Indentation of the line that opened a block scalar; its deeper lines are plain text.
  let blockParent: number | undefined;
  for (const line of lines) {
    const tokens: Token[] = [];
    if (blockParent !== undefined) {
      if (line.trim() === '' || indentOf(line) > blockParent) {
        if (line) tokens.push({ kind: 'string', text: line });
        result.push(tokens);
        continue;
      }
      blockParent = undefined;
    }
    const trimmed = line.trimStart();
    if (trimmed.startsWith('#')) {
      tokens.push({ kind: 'comment', text: line });
    } else if (trimmed === '---' || trimmed === '...') {
      tokens.push({ kind: 'punct', text: line });
    } else {
      const key = KEY_RE.exec(line);
      let rest = line;
      if (key) {
        const [whole, lead = '', name = '', colon = ''] = key;
        if (lead) tokens.push({ kind: 'punct', text: lead });
        tokens.push({ kind: 'key', text: name });
        tokens.push({ kind: 'punct', text: colon });
        rest = line.slice(whole.length);
      } else {
        const dash = /^(\s*(?:-\s+|-$)+)/.exec(line);
        if (dash?.[1]) {
          tokens.push({ kind: 'punct', text: dash[1] });
          rest = line.slice(dash[1].length);
        }
      }
      valueTokens(rest, tokens);
      if (/^\s*[|>][-+0-9]*\s*(#.*)?$/.test(rest)) blockParent = indentOf(line);
    }
    result.push(tokens);
  }
  return result;
}
