import { z } from 'zod';

/**
 * CRD `pattern`s are RE2/Go syntax; a few need rewriting for JavaScript (named groups are
 * `(?P<name>…)` in Go). kube-apiserver prints the pattern as written in the CRD, so we remember
 * the original for each compiled regex.
 */
const originals = new Map<string, string>();

/** Compiles a CRD pattern to a JavaScript RegExp and remembers its CRD spelling. */
export function crdRegExp(pattern: string): RegExp {
  const re = new RegExp(pattern.replace(/\(\?P</g, '(?<'));
  originals.set(re.toString(), pattern);
  return re;
}

/** A string schema with a CRD `pattern`. */
export function patternString(pattern: string): z.ZodString {
  return z.string().regex(crdRegExp(pattern));
}

/** The CRD spelling of a pattern reported by a zod `invalid_format` issue (`/…/` form). */
export function originalPattern(reported: string): string {
  return originals.get(reported) ?? reported.replace(/^\/(.*)\/[a-z]*$/s, '$1');
}
