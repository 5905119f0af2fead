import { describe, expect, it } from 'vitest';
import {
  allocateIp,
  cidrContains,
  cidrNetworkText,
  cidrsOverlap,
  formatIpv4,
  generateMac,
  ipFromLeaseName,
  ipLeaseName,
  isIpInVirtualMachineCidrs,
  isIpv4,
  isNetworkAligned,
  isUsableInCidr,
  isValidMac,
  macLeaseName,
  macPrefixFromClusterUid,
  normalizeMac,
  parseCidr,
  parseIpv4,
} from './ip.ts';

function cidr(text: string) {
  const r = parseCidr(text);
  if (!r.ok) throw new Error(r.message);
  return r.cidr;
}

describe('IPv4', () => {
  it('parses and formats', () => {
    expect(parseIpv4('10.66.10.1')).toBe(0x0a420a01);
    expect(formatIpv4(0x0a420a01)).toBe('10.66.10.1');
    expect(formatIpv4(parseIpv4('255.255.255.255') ?? 0)).toBe('255.255.255.255');
  });

  it.each([
    '10.66.10',
    '10.66.10.256',
    '010.1.1.1',
    '1.1.1.1.1',
    'a.b.c.d',
    '',
    '1..1.1',
    ' 1.1.1.1',
  ])('rejects %j', (text) => {
    expect(isIpv4(text)).toBe(false);
  });
});

describe('CIDR', () => {
  it('parses 10.66.10.0/24 (admin guide)', () => {
    const c = cidr('10.66.10.0/24');
    expect([formatIpv4(c.network), formatIpv4(c.broadcast), c.prefix]).toEqual([
      '10.66.10.0',
      '10.66.10.255',
      24,
    ]);
    expect(isNetworkAligned(c)).toBe(true);
  });

  it('detects host bits', () => {
    const c = cidr('10.66.10.5/24');
    expect(isNetworkAligned(c)).toBe(false);
    expect(cidrNetworkText(c)).toBe('10.66.10.0/24');
  });

  it.each(['10.66.10.0', '10.66.10.0/33', '10.66.10.0/', '10.66.10.0/08', 'x/24', '10.66.10.0/-1'])(
    'rejects %j',
    (text) => {
      expect(parseCidr(text).ok).toBe(false);
    },
  );

  it('handles /0 and /32', () => {
    expect(formatIpv4(cidr('0.0.0.0/0').broadcast)).toBe('255.255.255.255');
    const host = cidr('10.0.0.7/32');
    expect(cidrContains(host, host.network)).toBe(true);
    expect(isUsableInCidr(host, host.network)).toBe(false);
  });

  it('excludes network and broadcast addresses from membership', () => {
    const pools = ['10.66.10.0/24', '10.77.20.0/24'];
    expect(isIpInVirtualMachineCidrs('10.66.10.1', pools)).toBe(true);
    expect(isIpInVirtualMachineCidrs('10.77.20.254', pools)).toBe(true);
    expect(isIpInVirtualMachineCidrs('10.66.10.0', pools)).toBe(false);
    expect(isIpInVirtualMachineCidrs('10.66.10.255', pools)).toBe(false);
    expect(isIpInVirtualMachineCidrs('10.66.11.1', pools)).toBe(false);
    expect(isIpInVirtualMachineCidrs('garbage', pools)).toBe(false);
    expect(isIpInVirtualMachineCidrs('10.66.10.1', undefined)).toBe(false);
  });

  it('detects overlap', () => {
    expect(cidrsOverlap(cidr('10.0.0.0/8'), cidr('10.66.10.0/24'))).toBe(true);
    expect(cidrsOverlap(cidr('10.66.10.0/24'), cidr('10.66.11.0/24'))).toBe(false);
  });
});

describe('allocateIp', () => {
  it('hands out the lowest free usable address, then moves to the next pool', () => {
    expect(allocateIp(['10.66.10.0/30'], [])).toBe('10.66.10.1');
    expect(allocateIp(['10.66.10.0/30'], ['10.66.10.1'])).toBe('10.66.10.2');
    expect(allocateIp(['10.66.10.0/30', '10.77.0.0/24'], ['10.66.10.1', '10.66.10.2'])).toBe(
      '10.77.0.1',
    );
    expect(allocateIp(['10.66.10.0/30'], ['10.66.10.1', '10.66.10.2'])).toBeUndefined();
    expect(allocateIp(undefined, [])).toBeUndefined();
  });
});

describe('lease names', () => {
  it('ip-10-66-10-1 round-trips', () => {
    expect(ipLeaseName('10.66.10.1')).toBe('ip-10-66-10-1');
    expect(ipFromLeaseName('ip-10-66-10-1')).toBe('10.66.10.1');
    expect(ipFromLeaseName('mac-aa')).toBeUndefined();
    expect(ipFromLeaseName('ip-10-66-10')).toBeUndefined();
  });

  it('mac-... is lower case with dashes', () => {
    expect(macLeaseName('AA:BB:CC:DD:EE:0F')).toBe('mac-aa-bb-cc-dd-ee-0f');
    expect(macLeaseName('aa-bb-cc-dd-ee-0f')).toBe('mac-aa-bb-cc-dd-ee-0f');
  });
});

describe('MAC', () => {
  it.each(['aa:bb:cc:dd:ee:ff', 'AA-BB-CC-DD-EE-FF', '02:00:00:00:00:01'])('accepts %s', (m) => {
    expect(isValidMac(m)).toBe(true);
  });

  it.each(['aa:bb:cc:dd:ee', 'aa:bb:cc:dd:ee:fg', 'aabb.ccdd.eeff', 'aa:bb:cc:dd:ee:ff:00', ''])(
    'rejects %j',
    (m) => {
      expect(isValidMac(m)).toBe(false);
    },
  );

  it('normalises', () => {
    expect(normalizeMac('AA-BB-CC-DD-EE-FF')).toBe('aa:bb:cc:dd:ee:ff');
  });

  it('derives a stable locally administered unicast prefix', () => {
    const p = macPrefixFromClusterUid('0b6a2c1e-cluster');
    expect(macPrefixFromClusterUid('0b6a2c1e-cluster')).toEqual(p);
    expect(p[0] & 0x02).toBe(0x02);
    expect(p[0] & 0x01).toBe(0);
    expect(macPrefixFromClusterUid('other')).not.toEqual(p);
  });

  it('generates unused addresses with the prefix', () => {
    const seq = [0, 0, 0, 0, 0, 0, 0.5, 0.5, 0.5];
    let i = 0;
    const random = () => seq[i++ % seq.length] ?? 0;
    const mac = generateMac(
      [0x02, 0x11, 0x22],
      ['02:11:22:00:00:00', '02-11-22-00-00-00'.toUpperCase()],
      random,
    );
    expect(mac).toBe('02:11:22:80:80:80');
    expect(isValidMac(mac ?? '')).toBe(true);
    expect(generateMac([2, 0, 0], ['02:00:00:00:00:00'], () => 0, 5)).toBeUndefined();
  });
});
