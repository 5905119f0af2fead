import { describe, expect, it } from 'vitest';
import { LineDecoder } from './framing.ts';

describe('LineDecoder', () => {
  it('joins split chunks and splits CRLF-terminated messages', () => {
    const got: unknown[] = [];
    const d = new LineDecoder((m) => got.push(m));
    d.push('{"return": {}, "id"');
    d.push(': "a"}\r\n{"event": "STOP"}\r\n{"ev');
    expect(got).toEqual([{ return: {}, id: 'a' }, { event: 'STOP' }]);
    d.push('ent": "RESUME"}\n');
    expect(got).toHaveLength(3);
  });

  it('reports lines that are not JSON objects instead of throwing', () => {
    const bad: string[] = [];
    const d = new LineDecoder(
      () => undefined,
      (l) => bad.push(l),
    );
    d.push('not json\n[1,2]\n"str"\n');
    expect(bad).toEqual(['not json', '[1,2]', '"str"']);
  });

  it('drops a partial line on reset', () => {
    const got: unknown[] = [];
    const d = new LineDecoder((m) => got.push(m));
    d.push('{"a":');
    d.reset();
    d.push('{"b":1}\n');
    expect(got).toEqual([{ b: 1 }]);
  });
});
