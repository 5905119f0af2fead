import { describe, expect, it } from 'vitest';
import { EventLog, formatEventId, parseEventId } from './event-log.ts';

const resync = { kind: 'resync', resource: 'nodes' } as const;

describe('EventLog', () => {
  it('numbers entries from 1 and answers what came after a position', () => {
    const log = new EventLog(8, 'ep');
    expect(log.seq).toBe(0);
    expect(log.since(0)).toEqual([]);
    for (let i = 0; i < 5; i++) log.append(resync);
    expect(log.seq).toBe(5);
    expect(log.since(2)?.map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(log.since(5)).toEqual([]);
  });

  it('forgets the oldest entries past its capacity: a resume from before them is a gap', () => {
    const log = new EventLog(4, 'ep');
    for (let i = 0; i < 10; i++) log.append(resync);
    expect(log.oldest).toBe(7);
    expect(log.since(6)?.map((e) => e.seq)).toEqual([7, 8, 9, 10]);
    expect(log.since(5)).toBeUndefined();
    expect(log.since(0)).toBeUndefined();
  });

  it('refuses positions it never gave out', () => {
    const log = new EventLog(4, 'ep');
    log.append(resync);
    expect(log.since(2)).toBeUndefined();
    expect(log.since(-1)).toBeUndefined();
    expect(log.since(1.5)).toBeUndefined();
    expect(() => new EventLog(0)).toThrow(/capacity/);
  });

  it('makes a new epoch per log unless told', () => {
    expect(new EventLog(1).epoch).not.toBe(new EventLog(1).epoch);
  });
});

describe('event ids', () => {
  it('round-trip', () => {
    const id = { epoch: 'a-b_C', streamId: 'XyZ_-09', msg: 12, seq: 3456 };
    expect(parseEventId(formatEventId(id))).toEqual(id);
  });

  it.each([undefined, '', 'garbage', 'a.b.c.d', 'a.b.1', 'a.b.1.2.3', 'a.b c.1.2', 'a.b.-1.2'])(
    'rejects %j',
    (raw) => {
      expect(parseEventId(raw)).toBeUndefined();
    },
  );
});
