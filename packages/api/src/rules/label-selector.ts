/**
 * Label selectors as kube-apiserver parses them (`k8s.io/apimachinery/pkg/labels`), with kube's
 * error texts, so a filter typed in the console fails the way `kubectl get -l` would. Shared by
 * the sandbox (list and watch), the BFF (list filters over its cache) and the console.
 */

/** A selector that does not parse; `message` is kube's text. */
export class SelectorError extends Error {
  override readonly name = 'SelectorError';
}

export type LabelOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

/** One requirement of a label selector (`tier in (web,db)`, `!canary`, `app=web`). */
export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  values: string[];
}

/** A parsed label selector; the empty selector matches everything. */
export interface LabelMatcher {
  readonly requirements: readonly LabelRequirement[];
  matches(labels: Readonly<Record<string, string>> | undefined): boolean;
}

// ---- lexer (labels/selector.go Lexer) ----

type Tok = 'id' | 'in' | 'notin' | '=' | '==' | '!=' | '!' | '(' | ')' | ',' | '>' | '<' | 'end';
interface Token {
  tok: Tok;
  lit: string;
}

const SPECIAL = new Set(['=', '!', '(', ')', ',', '>', '<']);
const SYMBOLS: Tok[] = ['==', '!=', '=', '!', '(', ')', ',', '>', '<'];

function lex(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i] ?? '';
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      i += 1;
    } else if (SPECIAL.has(c)) {
      const sym = SYMBOLS.find((t) => s.startsWith(t, i)) ?? '=';
      out.push({ tok: sym, lit: sym });
      i += sym.length;
    } else {
      let j = i;
      while (j < s.length && !SPECIAL.has(s[j] ?? '') && !/\s/.test(s[j] ?? '')) j += 1;
      const word = s.slice(i, j);
      out.push({ tok: word === 'in' || word === 'notin' ? word : 'id', lit: word });
      i = j;
    }
  }
  out.push({ tok: 'end', lit: '' });
  return out;
}

// ---- validation (apimachinery util/validation) ----

const NAME_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const DNS1123_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const NAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const DNS1123_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

function qualifiedNameErrors(key: string): string[] {
  const parts = key.split('/');
  if (parts.length > 2) {
    return [
      `a qualified name ${NAME_MSG} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  const name = parts[parts.length - 1] ?? '';
  const errs: string[] = [];
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    if (prefix === '') errs.push('prefix part must be non-empty');
    else if (prefix.length > 253) errs.push('prefix part must be no more than 253 characters');
    else if (!DNS1123_RE.test(prefix)) errs.push(`prefix part ${DNS1123_MSG}`);
  }
  if (name === '') errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (name !== '' && !NAME_RE.test(name)) errs.push(`name part ${NAME_MSG}`);
  return errs;
}

function invalid(path: string, value: string, msg: string): Error {
  return new Error(`${path}: Invalid value: ${JSON.stringify(value)}: ${msg}`);
}

function requirement(key: string, operator: LabelOperator, values: string[]): LabelRequirement {
  const keyErrs = qualifiedNameErrors(key);
  if (keyErrs.length) throw invalid('key', key, keyErrs.join('; '));
  if ((operator === 'in' || operator === 'notin') && values.length === 0) {
    throw new Error(
      "values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty",
    );
  }
  values.forEach((v, i) => {
    if (v.length > 63)
      throw invalid(`values[${i}][${key}]`, v, 'must be no more than 63 characters');
    if (!VALUE_RE.test(v)) throw invalid(`values[${i}][${key}]`, v, VALUE_MSG);
    if ((operator === 'gt' || operator === 'lt') && !/^[-+]?\d+$/.test(v)) {
      throw invalid(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer");
    }
  });
  return { key, operator, values };
}

// ---- parser (labels/selector.go Parser) ----

const BINARY = 'in, notin, =, ==, !=, gt, lt';

class LabelParser {
  private pos = 0;
  constructor(private readonly toks: Token[]) {}

  /** In a value position the keywords `in`/`notin` are plain identifiers. */
  private peek(): Token {
    const t = this.toks[this.pos] ?? { tok: 'end', lit: '' };
    return t.tok === 'in' || t.tok === 'notin' ? { tok: 'id', lit: t.lit } : t;
  }
  private next(asValue = true): Token {
    const raw = this.toks[this.pos] ?? { tok: 'end', lit: '' };
    if (this.pos < this.toks.length - 1) this.pos += 1;
    return asValue && (raw.tok === 'in' || raw.tok === 'notin') ? { tok: 'id', lit: raw.lit } : raw;
  }

  parse(): LabelRequirement[] {
    const reqs: LabelRequirement[] = [];
    for (;;) {
      const t = this.peek();
      if (t.tok === 'end') return reqs;
      if (t.tok !== 'id' && t.tok !== '!') {
        throw new Error(`found '${t.lit}', expected: !, identifier, or 'end of string'`);
      }
      try {
        reqs.push(this.requirement());
      } catch (e) {
        throw new Error(`unable to parse requirement: ${(e as Error).message}`);
      }
      const sep = this.next();
      if (sep.tok === 'end') return reqs;
      if (sep.tok !== ',') throw new Error(`found '${sep.lit}', expected: ',' or 'end of string'`);
      const after = this.peek();
      if (after.tok !== 'id' && after.tok !== '!') {
        throw new Error(`found '${after.lit}', expected: identifier after ','`);
      }
    }
  }

  private requirement(): LabelRequirement {
    let t = this.next();
    const negated = t.tok === '!';
    if (negated) t = this.next();
    if (t.tok !== 'id') throw new Error(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    const la = this.peek().tok;
    if (negated || la === 'end' || la === ',') {
      // kube validates the key first, then (for `!key op …`) fails on the trailing operator.
      return requirement(key, negated ? '!' : 'exists', []);
    }
    const op = this.next(false);
    switch (op.tok) {
      case 'in':
      case 'notin':
        return requirement(key, op.tok, this.valueSet());
      case '=':
      case '==':
      case '!=':
        return requirement(key, op.tok, this.exactValue());
      case '>':
      case '<':
        return requirement(key, op.tok === '>' ? 'gt' : 'lt', this.exactValue());
      default:
        throw new Error(`found '${op.lit}', expected: ${BINARY}`);
    }
  }

  private exactValue(): string[] {
    const t = this.peek();
    if (t.tok === 'end' || t.tok === ',') return [''];
    const v = this.next();
    if (v.tok !== 'id') throw new Error(`found '${v.lit}', expected: identifier`);
    return [v.lit];
  }

  private valueSet(): string[] {
    const open = this.next();
    if (open.tok !== '(') throw new Error(`found '${open.lit}' expected: '('`);
    const first = this.peek();
    if (first.tok === ')') {
      this.next();
      return [''];
    }
    if (first.tok !== 'id' && first.tok !== ',') {
      throw new Error(`found '${first.lit}', expected: ',', ')' or identifier`);
    }
    const values = new Set<string>();
    for (;;) {
      const t = this.next();
      if (t.tok === 'id') {
        values.add(t.lit);
        const la = this.peek();
        if (la.tok === ')') break;
        if (la.tok !== ',') throw new Error(`found '${la.lit}', expected: ',' or ')'`);
      } else if (t.tok === ',') {
        // `(,a)`, `(a,)` and `(a,,b)` all mean the empty string is one of the values.
        if (values.size === 0) values.add('');
        const la = this.peek();
        if (la.tok === ')') {
          values.add('');
          break;
        }
        if (la.tok === ',') values.add('');
      } else {
        throw new Error(`found '${t.lit}', expected: ',', or identifier`);
      }
    }
    this.next();
    return [...values].sort();
  }
}

function matchRequirement(r: LabelRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.hasOwn(labels, r.key);
  const value = labels[r.key] ?? '';
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes(value);
    case 'notin':
    case '!=':
      return !has || !r.values.includes(value);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || !/^[-+]?\d+$/.test(value)) return false;
      const [a, b] = [BigInt(value), BigInt(r.values[0] ?? '0')];
      return r.operator === 'gt' ? a > b : a < b;
    }
  }
}

function labelSelectorOf(requirements: LabelRequirement[]): LabelMatcher {
  return {
    requirements,
    matches: (labels) => requirements.every((r) => matchRequirement(r, labels ?? {})),
  };
}

/** Parses a `labelSelector` query parameter; throws `SelectorError` with kube's message. */
export function parseLabelSelector(selector: string): LabelMatcher {
  try {
    return labelSelectorOf(new LabelParser(lex(selector)).parse());
  } catch (e) {
    if (e instanceof SelectorError) throw e;
    throw new SelectorError((e as Error).message);
  }
}

/** A `metav1.LabelSelector` (`matchLabels` + `matchExpressions`), as owners and pools embed it. */
export function labelSelectorFromObject(sel: {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}): LabelMatcher {
  const ops: Record<string, LabelOperator> = {
    In: 'in',
    NotIn: 'notin',
    Exists: 'exists',
    DoesNotExist: '!',
  };
  const reqs: LabelRequirement[] = Object.entries(sel.matchLabels ?? {}).map(([key, v]) => ({
    key,
    operator: '=',
    values: [v],
  }));
  for (const e of sel.matchExpressions ?? []) {
    const operator = ops[e.operator];
    if (!operator)
      throw new SelectorError(`"${e.operator}" is not a valid label selector operator`);
    reqs.push({ key: e.key, operator, values: e.values ?? [] });
  }
  return labelSelectorOf(reqs);
}
