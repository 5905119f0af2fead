import { describe, expect, it } from 'vitest';
import {
  dottedDiskNameWarning,
  utf8ByteLength,
  validateDns1123Label,
  validateDns1123Subdomain,
  validateDns1035Label,
  validateDvpName,
  validateObjectName,
  validatePathSegmentName,
  validateLabelKey,
  validateLabelValue,
  validateQualifiedName,
} from './names.ts';

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
// kube's RegexError really prints two spaces before "or".
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const QNAME_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe('validateDns1123Subdomain', () => {
  it.each(['linux-vm', 'example.com', 'a', '0', 'ubuntu-22-04', 'a.b-c.d'])('accepts %s', (n) => {
    expect(validateDns1123Subdomain(n)).toEqual([]);
  });

  it.each(['Linux', '-vm', 'vm-', 'vm_1', '', 'a..b', 'vm.', 'вм'])(
    'rejects %j with kube text',
    (n) => {
      expect(validateDns1123Subdomain(n)).toEqual([SUBDOMAIN_MSG]);
    },
  );

  it('limits length to 253', () => {
    expect(validateDns1123Subdomain('a'.repeat(253))).toEqual([]);
    expect(validateDns1123Subdomain('a'.repeat(254))).toEqual([
      'must be no more than 253 characters',
    ]);
  });
});

describe('validateDns1123Label', () => {
  it('accepts labels and rejects dots', () => {
    expect(validateDns1123Label('my-name')).toEqual([]);
    expect(validateDns1123Label('my.name')).toEqual([LABEL_MSG]);
  });

  it('reports length and pattern together', () => {
    expect(validateDns1123Label(`${'a'.repeat(63)}-`)).toEqual([
      'must be no more than 63 characters',
      LABEL_MSG,
    ]);
  });
});

describe('validateQualifiedName (label keys)', () => {
  it.each(['app', 'app.kubernetes.io/name', 'MyName', 'my_name', 'example.com/My.Name-1'])(
    'accepts %s',
    (k) => {
      expect(validateQualifiedName(k)).toEqual([]);
      expect(validateLabelKey(k)).toEqual([]);
    },
  );

  it('explains each part', () => {
    expect(validateQualifiedName('/name')).toEqual(['prefix part must be non-empty']);
    expect(validateQualifiedName('Example.com/name')).toEqual([`prefix part ${SUBDOMAIN_MSG}`]);
    expect(validateQualifiedName('example.com/')).toEqual([
      'name part must be non-empty',
      QNAME_MSG,
    ]);
    expect(validateQualifiedName('-bad')).toEqual([QNAME_MSG]);
    expect(validateQualifiedName('a'.repeat(64))).toEqual([
      'name part must be no more than 63 characters',
    ]);
  });

  it('rejects more than one slash with the whole-name message', () => {
    const errs = validateQualifiedName('a/b/c');
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^a qualified name must consist of/);
    expect(errs[0]).toMatch(
      /with an optional DNS subdomain prefix and '\/' \(e\.g\. 'example\.com\/MyName'\)$/,
    );
  });
});

describe('validateLabelValue', () => {
  it('accepts empty and ordinary values', () => {
    expect(validateLabelValue('')).toEqual([]);
    expect(validateLabelValue('my_value.1')).toEqual([]);
  });

  it('rejects bad characters and length', () => {
    expect(validateLabelValue('a b')[0]).toMatch(
      /^a valid label must be an empty string or consist/,
    );
    expect(validateLabelValue('x'.repeat(64))).toEqual(['must be no more than 63 characters']);
  });
});

describe('DVP names', () => {
  it('limits VM names to 63 characters', () => {
    expect(validateDvpName('VirtualMachine', 'v'.repeat(63))).toEqual([]);
    expect(validateDvpName('VirtualMachine', 'v'.repeat(64))).toEqual([
      `the VirtualMachine name "${'v'.repeat(64)}" is too long: it must be no more than 63 characters`,
    ]);
  });

  it.each(['VirtualDisk', 'VirtualImage', 'ClusterVirtualImage'] as const)(
    'forbids dots in %s',
    (kind) => {
      expect(validateDvpName(kind, 'ubuntu-22-04')).toEqual([]);
      expect(validateDvpName(kind, 'ubuntu-22.04')).toEqual([
        `the ${kind} name "ubuntu-22.04" is invalid: '.' is forbidden, allowed name symbols are [0-9a-zA-Z-]`,
      ]);
    },
  );

  it('allows dotted VM names (only the subdomain rule applies)', () => {
    expect(validateDvpName('VirtualMachine', 'vm.1')).toEqual([]);
  });

  it('warns about an existing dotted disk name', () => {
    expect(dottedDiskNameWarning('ok-name')).toBeUndefined();
    expect(dottedDiskNameWarning('a.b')).toMatch(/contains now forbidden symbol '\.'/);
  });
});

describe('utf8ByteLength', () => {
  it('counts bytes, not characters', () => {
    expect(utf8ByteLength('abc')).toBe(3);
    expect(utf8ByteLength('я')).toBe(2);
    expect(utf8ByteLength('€')).toBe(3);
    expect(utf8ByteLength('😀')).toBe(4);
  });
});

describe('validateObjectName', () => {
  it('uses the subdomain rule for most kinds, label for Namespace, DNS-1035 for Service', () => {
    expect(validateObjectName('VirtualMachine', 'vm.1')).toEqual([]);
    expect(validateObjectName('Namespace', 'ns.1')).toEqual([LABEL_MSG]);
    expect(validateObjectName('Service', '1svc')).toEqual([
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
    expect(validateObjectName('Service', 'svc-1')).toEqual([]);
    expect(validateObjectName('VirtualDisk', 'Disk')).toEqual([SUBDOMAIN_MSG]);
  });

  it('lets RBAC names be any path segment, as kube does (system:discovery)', () => {
    expect(validateObjectName('ClusterRole', 'system:discovery')).toEqual([]);
    expect(validateObjectName('RoleBinding', 'd8:use:role:viewer')).toEqual([]);
    expect(validateObjectName('ClusterRole', 'a/b')).toEqual(["may not contain '/'"]);
  });

  it('rejects names that cannot be a path segment', () => {
    expect(validateObjectName('ConfigMap', '..')).toEqual(["may not be '..'"]);
    expect(validatePathSegmentName('a/b%c')).toEqual([
      "may not contain '/'",
      "may not contain '%'",
    ]);
    expect(validateDns1035Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
  });
});
