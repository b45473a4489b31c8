import { describe, expect, it } from 'vitest';
import { greetingKey } from './home-page.tsx';

// hours in Beijing (UTC+8), whatever the machine's zone
const at = (beijingHour: number) => new Date(Date.UTC(2026, 10, 24, (beijingHour + 16) % 24, 30));

describe('greetingKey: the dashboard greets by the hour in Beijing', () => {
  it('says 夜深了 in the small hours, not 早上好 at 3 a.m.', () => {
    expect(greetingKey(at(0))).toBe('home.night');
    expect(greetingKey(at(3))).toBe('home.night');
    expect(greetingKey(at(4))).toBe('home.night');
  });
  it('then morning, noon, afternoon and evening', () => {
    expect(greetingKey(at(5))).toBe('home.morning');
    expect(greetingKey(at(10))).toBe('home.morning');
    expect(greetingKey(at(11))).toBe('home.noon');
    expect(greetingKey(at(13))).toBe('home.afternoon');
    expect(greetingKey(at(18))).toBe('home.evening');
    expect(greetingKey(at(23))).toBe('home.evening');
  });
});
