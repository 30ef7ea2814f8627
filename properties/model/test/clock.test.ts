import { describe, expect, it } from 'vitest';
import { Clock, isDue } from '../clock.js';

describe('clock', () => {
  it('starts at 0 and moves one second per tick', () => {
    const c = new Clock();
    expect(c.now).toBe(0);
    c.tick(); c.tick();
    expect(c.now).toBe(2);
  });

  it('periodic work is due at multiples of its period after its phase, never before the phase', () => {
    expect([0, 30, 60, 61].map((t) => isDue(t, 30))).toEqual([true, true, true, false]);
    expect([5, 35, 30].map((t) => isDue(t, 30, 5))).toEqual([true, true, false]);
    expect(isDue(10, 0)).toBe(false);
  });
});
