/**
 * Object names, label keys and label values, with kube-apiserver's exact messages
 * (`k8s.io/apimachinery/pkg/util/validation/validation.go`, kubernetes v1.32), plus the DVP
 * webhook name rules (`pkg/common/validate/validate.go` and the per-kind name validators in
 * deckhouse/virtualization at cf3a9e6c4).
 *
 * Every function returns a list of messages; an empty list means valid (kube's convention).
 */

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;

const DNS1123_LABEL_RE = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const QUALIFIED_NAME_RE = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);

/** Longest DNS-1123 label (namespaces, Services, DVP VMs). */
export const DNS1123_LABEL_MAX_LENGTH = 63;
/** Longest DNS-1123 subdomain (most object names). */
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
/** Longest name part of a qualified name and longest label value. */
export const QUALIFIED_NAME_MAX_LENGTH = 63;

/** kube's `MaxLenError`. */
export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/** kube's `RegexError`, including its double space between examples. */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  let out = `${msg} (e.g. `;
  examples.forEach((example, i) => {
    if (i > 0) out += ' or ';
    out += `'${example}', `;
  });
  return `${out}regex used for validation is '${fmt}')`;
}

/**
 * Go's `len(string)` counts UTF-8 bytes; the limits above are byte limits. Computed by hand
 * because `packages/api` has no DOM/Node types (no TextEncoder).
 */
export function utf8ByteLength(value: string): number {
  let bytes = 0;
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return bytes;
}

const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const QUALIFIED_NAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** `IsDNS1123Label`: namespaces, VM names, disk template names. */
export function validateDns1123Label(value: string): string[] {
  const errs: string[] = [];
  if (utf8ByteLength(value) > DNS1123_LABEL_MAX_LENGTH) {
    errs.push(maxLenError(DNS1123_LABEL_MAX_LENGTH));
  }
  if (!DNS1123_LABEL_RE.test(value)) {
    errs.push(regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, 'my-name', '123-abc'));
  }
  return errs;
}

/** `IsDNS1123Subdomain`: the default object-name rule. */
export function validateDns1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (utf8ByteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) {
    errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  }
  if (!DNS1123_SUBDOMAIN_RE.test(value)) {
    errs.push(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  }
  return errs;
}

/** `IsQualifiedName`: label and annotation keys (`[prefix/]name`). */
export function validateQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0] ?? '';
  } else if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    name = parts[1] ?? '';
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else errs.push(...validateDns1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [
      `a qualified name ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (utf8ByteLength(name) > QUALIFIED_NAME_MAX_LENGTH) {
    errs.push(`name part ${maxLenError(QUALIFIED_NAME_MAX_LENGTH)}`);
  }
  if (!QUALIFIED_NAME_RE.test(name)) {
    errs.push(
      `name part ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}`,
    );
  }
  return errs;
}

/** Label keys follow the qualified-name rule. */
export const validateLabelKey = validateQualifiedName;

/** `IsValidLabelValue`. */
export function validateLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (utf8ByteLength(value) > QUALIFIED_NAME_MAX_LENGTH) {
    errs.push(maxLenError(QUALIFIED_NAME_MAX_LENGTH));
  }
  if (!LABEL_VALUE_RE.test(value)) {
    errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  }
  return errs;
}

const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL_RE = new RegExp(`^${DNS1035_LABEL_FMT}$`);
const DNS1035_LABEL_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";

/** `IsDNS1035Label`: Service names. */
export function validateDns1035Label(value: string): string[] {
  const errs: string[] = [];
  if (utf8ByteLength(value) > DNS1123_LABEL_MAX_LENGTH) {
    errs.push(maxLenError(DNS1123_LABEL_MAX_LENGTH));
  }
  if (!DNS1035_LABEL_RE.test(value)) {
    errs.push(regexError(DNS1035_LABEL_MSG, DNS1035_LABEL_FMT, 'my-name', 'abc-123'));
  }
  return errs;
}

/** `path.IsValidPathSegmentName`: every name must be usable as one URL path segment. */
export function validatePathSegmentName(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  const errs: string[] = [];
  for (const bad of ['/', '%']) if (name.includes(bad)) errs.push(`may not contain '${bad}'`);
  return errs;
}

/** RBAC kinds only need a valid path segment (`system:discovery`), as kube's ValidateRBACName. */
const PATH_SEGMENT_NAMED_KINDS = new Set([
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
]);

/**
 * kube-apiserver's name rule for `kind` (not DVP's extra webhook rules, see
 * {@link validateDvpName}): RBAC kinds → path segment, Namespace → DNS-1123 label, Service →
 * DNS-1035 label, everything else (all CRDs included) → DNS-1123 subdomain.
 */
export function validateObjectName(kind: string, name: string): string[] {
  const segment = validatePathSegmentName(name);
  if (segment.length > 0 || PATH_SEGMENT_NAMED_KINDS.has(kind)) return segment;
  if (kind === 'Namespace') return validateDns1123Label(name);
  if (kind === 'Service') return validateDns1035Label(name);
  return validateDns1123Subdomain(name);
}

// DVP name rules (webhooks at cf3a9e6c4). Older releases also capped VD/VI/CVI name lengths
// (60/37/36); HEAD dropped those caps because the derived KubeVirt names are now shortened.

/** VirtualMachine names are limited to 63 characters (webhook `meta_validator.go`). */
export const MAX_VIRTUAL_MACHINE_NAME_LENGTH = 63;

/** The DVP kinds whose names the webhooks restrict beyond DNS-1123. */
export type DvpNamedKind =
  'VirtualMachine' | 'VirtualDisk' | 'VirtualImage' | 'ClusterVirtualImage';

/**
 * The DVP webhook name rules for `kind` (checked on create), with DVP's messages:
 * VM names ≤ 63 characters; VD, VI and CVI names without `.`.
 */
export function validateDvpName(kind: DvpNamedKind, name: string): string[] {
  if (kind === 'VirtualMachine') {
    return utf8ByteLength(name) > MAX_VIRTUAL_MACHINE_NAME_LENGTH
      ? [
          `the VirtualMachine name ${JSON.stringify(name)} is too long: it must be no more than ${MAX_VIRTUAL_MACHINE_NAME_LENGTH} characters`,
        ]
      : [];
  }
  return name.includes('.')
    ? [
        `the ${kind} name ${JSON.stringify(name)} is invalid: '.' is forbidden, allowed name symbols are [0-9a-zA-Z-]`,
      ]
    : [];
}

/**
 * The warning the VD webhook gives on update of an existing dotted name (it stays usable).
 */
export function dottedDiskNameWarning(name: string): string | undefined {
  return name.includes('.')
    ? `the VirtualDisk name ${JSON.stringify(name)} is invalid as it contains now forbidden symbol '.', allowed symbols for name are [0-9a-zA-Z-]. Create another disk with valid name to avoid problems with future updates.`
    : undefined;
}
