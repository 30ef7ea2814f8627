import { describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../clock.js';
import { LogGroup } from '../logs.js';
import { config } from './fixtures.js';

const days = config.logRetentionDays!;

describe('log group retention', () => {
  it('keeps an event for the retention period and deletes it after the deletion lag', () => {
    const lag = 10 * HOUR;
    const group = new LogGroup(days, lag);
    group.put('line', 0);
    group.advanceTo(days * DAY + lag - 1);
    expect(group.stored.length).toBe(1);
    group.advanceTo(days * DAY + lag);
    expect(group.stored.length).toBe(0);
  });

  it('without retention, nothing is ever deleted', () => {
    const group = new LogGroup(undefined);
    group.put('line', 0);
    group.advanceTo(3650 * DAY);
    expect(group.stored.length).toBe(1);
  });
});
