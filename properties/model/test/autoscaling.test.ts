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
    // Low enough that one task fewer keeps the metric at or below the target.
    const start = scaling.minCapacity + 2;
    const below = Math.min(SCALE_IN_TARGET_RATIO * scaling.targetValue - 1, scaling.targetValue * (start - 1) / start - 1);
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

  it('a capacity outside [min, max] is brought back on registration and when a policy acts, not on a timer', () => {
    const tt = new TargetTracking(scaling, new EventLog());
    expect(tt.register(0, scaling.minCapacity - 1)).toBe(scaling.minCapacity);
    expect(tt.register(0, scaling.maxCapacity + 1)).toBe(scaling.maxCapacity);
    expect(tt.register(0, scaling.minCapacity)).toBeUndefined();
    // No alarm, no activity: a desired count below the minimum stays there.
    expect(feed([scaling.targetValue], scaling.minCapacity - 1)).toEqual([scaling.minCapacity - 1]);
    // A scale-out from below the minimum goes to at least the minimum.
    expect(feed(Array(SCALE_OUT_DATAPOINTS).fill(scaling.targetValue + 1), 0).at(-1)).toBeGreaterThanOrEqual(scaling.minCapacity);
  });

  it('does not scale in when one task fewer would push the metric above the target', () => {
    const start = scaling.minCapacity + 1;
    // Below 90 % of the target, but start - 1 tasks would carry start x metric / (start - 1) > target.
    const metric = Math.min(SCALE_IN_TARGET_RATIO * scaling.targetValue - 0.5, scaling.targetValue * (start - 1) / start + 0.5);
    if (metric * start / (start - 1) > scaling.targetValue) {
      expect(new Set(feed(Array(3 * SCALE_IN_DATAPOINTS).fill(metric), start))).toEqual(new Set([start]));
    }
  });

  it('does not scale in while a deployment is in progress, but scales out', () => {
    const tt = new TargetTracking(scaling, new EventLog());
    let desired = scaling.minCapacity + 2;
    for (let m = 1; m <= 3 * SCALE_IN_DATAPOINTS; m++) desired = tt.evaluate(m * MINUTE, 0, desired, true) ?? desired;
    expect(desired).toBe(scaling.minCapacity + 2);
    for (let m = 1; m <= SCALE_OUT_DATAPOINTS; m++) desired = tt.evaluate((100 + m) * MINUTE, 100, desired, true) ?? desired;
    expect(desired).toBeGreaterThan(scaling.minCapacity + 2);
  });
});
