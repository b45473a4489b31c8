import { afterEach, describe, expect, it, vi } from 'vitest';
import { businessDate, isoNow } from './time.ts';

describe('isoNow', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is the current instant, also when the clock moves within and across milliseconds', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-22T15:59:59.998Z'));
    expect(isoNow()).toBe('2026-11-22T15:59:59.998Z');
    expect(isoNow()).toBe('2026-11-22T15:59:59.998Z');
    vi.setSystemTime(new Date('2026-11-22T15:59:59.999Z'));
    expect(isoNow()).toBe('2026-11-22T15:59:59.999Z');
    vi.setSystemTime(new Date('2026-11-22T16:00:00.000Z'));
    expect(isoNow()).toBe('2026-11-22T16:00:00.000Z');
    expect(businessDate()).toBe('2026-11-23'); // midnight in Shanghai
  });

  it('reads a given clock every time', () => {
    let t = Date.parse('2026-01-01T00:00:00.000Z');
    const clock = { now: () => new Date(t) };
    expect(isoNow(clock)).toBe('2026-01-01T00:00:00.000Z');
    t += 1;
    expect(isoNow(clock)).toBe('2026-01-01T00:00:00.001Z');
  });
});
