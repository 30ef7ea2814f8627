import { describe, expect, it } from 'vitest';
import { PASSED_CHECKS_FOR_NEW_TARGET } from '../aws-facts.js';
import { EventLog } from '../events.js';
import { TargetGroup } from '../target-group.js';
import { config } from './fixtures.js';

const tg = config.targetGroup;

function groupWith(answer: () => { answered: boolean; latencySeconds: number }) {
  const log = new EventLog();
  const group = new TargetGroup(tg, log);
  group.register(1, 0);
  const run = (until: number, from = 1) => { for (let t = from; t <= until; t++) group.step(t, answer); };
  return { group, log, run };
}

describe('target group health state machine', () => {
  it('a new target is initial, and healthy after ONE passed check (PASSED_CHECKS_FOR_NEW_TARGET)', () => {
    const { group, run } = groupWith(() => ({ answered: true, latencySeconds: 0.01 }));
    expect(group.stateOf(1)).toBe('initial');
    run(tg.healthCheckIntervalSeconds * PASSED_CHECKS_FOR_NEW_TARGET - 1);
    expect(group.stateOf(1)).toBe('initial');
    run(tg.healthCheckIntervalSeconds * PASSED_CHECKS_FOR_NEW_TARGET, tg.healthCheckIntervalSeconds * PASSED_CHECKS_FOR_NEW_TARGET);
    expect(group.stateOf(1)).toBe('healthy');
  });

  it('an unhealthy target needs healthyThreshold passed checks in a row to be healthy again', () => {
    let ok = false;
    const { group, run } = groupWith(() => ({ answered: ok, latencySeconds: 0.01 }));
    const i = tg.healthCheckIntervalSeconds;
    run(i * tg.unhealthyThreshold);
    expect(group.stateOf(1)).toBe('unhealthy');
    ok = true;
    const start = i * tg.unhealthyThreshold;
    run(start + i * (tg.healthyThreshold - 1), start + 1);
    expect(group.stateOf(1)).toBe('unhealthy');
    run(start + i * tg.healthyThreshold, start + i * (tg.healthyThreshold - 1) + 1);
    expect(group.stateOf(1)).toBe('healthy');
  });

  it('a healthy target becomes unhealthy after unhealthyThreshold failed checks in a row, not before', () => {
    let ok = true;
    const { group, run } = groupWith(() => ({ answered: ok, latencySeconds: 0.01 }));
    const i = tg.healthCheckIntervalSeconds;
    run(i * tg.healthyThreshold);
    ok = false;
    const start = i * tg.healthyThreshold;
    run(start + i * (tg.unhealthyThreshold - 1), start + 1);
    expect(group.stateOf(1)).toBe('healthy');
    run(start + i * tg.unhealthyThreshold, start + i * (tg.unhealthyThreshold - 1) + 1);
    expect(group.stateOf(1)).toBe('unhealthy');
  });

  it('an answer slower than the timeout counts as a failed check', () => {
    const { group, run } = groupWith(() => ({ answered: true, latencySeconds: tg.healthCheckTimeoutSeconds }));
    run(tg.healthCheckIntervalSeconds * tg.unhealthyThreshold);
    expect(group.stateOf(1)).toBe('unhealthy');
  });

  it('a deregistered target drains for the deregistration delay, then is gone', () => {
    const { group, run } = groupWith(() => ({ answered: true, latencySeconds: 0.01 }));
    run(100);
    group.deregister(1, 100);
    expect(group.stateOf(1)).toBe('draining');
    run(100 + tg.deregistrationDelaySeconds - 1, 101);
    expect(group.stateOf(1)).toBe('draining');
    run(100 + tg.deregistrationDelaySeconds, 100 + tg.deregistrationDelaySeconds);
    expect(group.stateOf(1)).toBeUndefined();
  });
});
