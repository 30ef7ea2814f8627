import { describe, expect, it } from 'vitest';
import { SCALE_IN_DATAPOINTS, SCALE_IN_TARGET_RATIO, SCALE_OUT_DATAPOINTS } from '../aws-facts.js';
import { TargetTracking } from '../autoscaling.js';
import { EventLog } from '../events.js';
import { config } from './fixtures.js';

const scaling = config.scaling!;
const MINUTE = 60;

/** Feeds one datapoint a minute; returns the desired count after each. */
function feed(values: number[], desired: number, cfg = scaling) {
  const tt = new TargetTracking(cfg, new EventLog());
  const out: number[] = [];
  values.forEach((v, i) => { desired = tt.evaluate((i + 1) * MINUTE, v, desired) ?? desired; out.push(desired); });
  return out;
}

describe('target tracking', () => {
  it('scales out only after 3 consecutive one-minute datapoints above the target', () => {
    const above = scaling.targetValue + 10;
    const trace = feed(Array(SCALE_OUT_DATAPOINTS).fill(above), scaling.minCapacity);
    expect(trace.slice(0, SCALE_OUT_DATAPOINTS - 1)).toEqual(Array(SCALE_OUT_DATAPOINTS - 1).fill(scaling.minCapacity));
    expect(trace.at(-1)).toBeGreaterThan(scaling.minCapacity);
  });

  it('one datapoint at the target breaks the scale-out run', () => {
    const above = scaling.targetValue + 10;
    expect(feed([above, above, scaling.targetValue, above, above], scaling.minCapacity).at(-1)).toBe(scaling.minCapacity);
  });

  it('scales in only after 15 consecutive datapoints below 90 % of the target', () => {
    const below = SCALE_IN_TARGET_RATIO * scaling.targetValue - 1;
    const start = scaling.minCapacity + 2;
    const trace = feed(Array(SCALE_IN_DATAPOINTS).fill(below), start);
    expect(trace.slice(0, SCALE_IN_DATAPOINTS - 1).every((d) => d === start)).toBe(true);
    expect(trace.at(-1)).toBeLessThan(start);
  });

  it('between 90 % and 100 % of the target nothing happens', () => {
    const between = (SCALE_IN_TARGET_RATIO + 0.05) * scaling.targetValue;
    expect(new Set(feed(Array(40).fill(between), scaling.minCapacity + 1))).toEqual(new Set([scaling.minCapacity + 1]));
  });

  it('never leaves [min, max], whatever the load', () => {
    expect(Math.max(...feed(Array(60).fill(100), scaling.minCapacity))).toBe(scaling.maxCapacity);
    expect(Math.min(...feed(Array(200).fill(0), scaling.maxCapacity))).toBe(scaling.minCapacity);
  });

  it('the scale-in cooldown spaces scale-ins; a longer cooldown spaces them more', () => {
    const gaps = (cfg: typeof scaling) => {
      const log = new EventLog();
      const tt = new TargetTracking(cfg, log);
      let desired = cfg.maxCapacity;
      for (let m = 1; m <= 120; m++) desired = tt.evaluate(m * MINUTE, 0, desired) ?? desired;
      const ins = log.ofKind('scaling').filter((s) => s.direction === 'in').map((s) => s.at);
      return ins.slice(1).map((t, i) => t - ins[i]);
    };
    expect(Math.min(...gaps(scaling))).toBeGreaterThanOrEqual(scaling.scaleInCooldownSeconds);
    expect(Math.min(...gaps({ ...scaling, scaleInCooldownSeconds: 2 * scaling.scaleInCooldownSeconds }))).toBeGreaterThanOrEqual(2 * scaling.scaleInCooldownSeconds);
  });

  it('a capacity outside [min, max] is brought back at the next evaluation', () => {
    expect(feed([scaling.targetValue], scaling.minCapacity - 1)).toEqual([scaling.minCapacity]);
  });
});
