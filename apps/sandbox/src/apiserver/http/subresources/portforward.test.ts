import { describe, expect, it } from 'vitest';
import { parsePortForwardOptions } from './portforward.ts';

const parse = (query: string) => parsePortForwardOptions(new URLSearchParams(query));
const statusOf = (query: string) => {
  try {
    parse(query);
    return undefined;
  } catch (e) {
    return (e as { status: { code: number; message: string } }).status;
  }
};

describe('parsePortForwardOptions', () => {
  it('reads the port, with tcp as the default protocol', () => {
    expect(parse('port=8080')).toEqual({ port: 8080, protocol: 'tcp' });
    expect(parse('port=1&protocol=tcp')).toEqual({ port: 1, protocol: 'tcp' });
    expect(parse('port=65535&protocol=')).toEqual({ port: 65535, protocol: 'tcp' });
  });

  it('answers bad input with a 400 that says what is expected', () => {
    expect(statusOf('')).toMatchObject({
      code: 400,
      message:
        'query parameter "port" is required: the guest port to forward, an integer between 1 and 65535',
    });
    expect(statusOf('port=http')?.message).toBe(
      'port "http" is not valid: it must be an integer between 1 and 65535',
    );
    expect(statusOf('port=-1')?.message).toContain('port "-1" is not valid');
    expect(statusOf('port=80.5')?.message).toContain('port "80.5" is not valid');
    expect(statusOf('port=0')?.message).toBe(
      'port 0 is out of range: it must be an integer between 1 and 65535',
    );
    expect(statusOf('port=65536')?.message).toContain('port 65536 is out of range');
    expect(statusOf('port=22&protocol=sctp')?.message).toBe(
      'protocol "sctp" is not valid: use tcp or udp',
    );
  });

  it('refuses UDP with a clear reason', () => {
    expect(statusOf('port=53&protocol=udp')).toMatchObject({
      code: 400,
      message: expect.stringContaining(
        'UDP port forwarding is not available in the sandbox',
      ) as string,
    });
  });
});
