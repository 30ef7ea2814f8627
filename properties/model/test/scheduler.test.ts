import { describe, expect, it } from 'vitest';
import { circuitBreakerThreshold, SPOT_WARNING_SECONDS } from '../aws-facts.js';
import { World } from '../world.js';
import { config, withChanges } from './fixtures.js';

const tg = config.targetGroup;
const desired = config.service.desiredCount;

function steady(cfg = config): World {
  const w = new World(cfg);
  expect(w.settle()).toBe(true);
  return w;
}

describe('ECS service scheduler: desired count and placement', () => {
  it('starts the desired count, spread across the subnets\' zones, the base on FARGATE', () => {
    const w = steady();
    const tasks = w.service.liveTasks;
    expect(tasks.length).toBe(desired);
    expect(new Set(tasks.map((t) => t.az)).size).toBe(Math.min(desired, config.service.availabilityZones));
    const base = config.service.capacityProviderStrategy.find((s) => s.base > 0)!;
    expect(tasks.filter((t) => t.provider === base.capacityProvider).length).toBe(Math.min(desired, base.base));
  });

  it('gives every task the task definition\'s CPU and memory', () => {
    const w = steady();
    expect(w.service.liveTasks.every((t) => t.cpuUnits === config.task.cpuUnits && t.memoryMiB === config.task.memoryMiB)).toBe(true);
  });

  it('is deterministic: the same actions give the same event log', () => {
    const play = () => { const w = steady(); w.cpuDemand = 500; w.advance(900); w.crashTask(w.service.liveTasks[0].id); w.deploy(false); w.advance(1800); return JSON.stringify(w.log.all); };
    expect(play()).toBe(play());
  });
});

describe('ECS service scheduler: replacement', () => {
  it('replaces a crashed task within the scheduler\'s reaction time', () => {
    const w = steady();
    const victim = w.service.liveTasks[0];
    const at = w.now;
    w.crashTask(victim.id);
    w.advance(w.assumptions.schedulerReactionSeconds);
    const launched = w.log.ofKind('task-launched').filter((l) => l.at >= at);
    expect(launched.length).toBe(1);
    expect(launched[0].at - at).toBeLessThanOrEqual(w.assumptions.schedulerReactionSeconds);
  });

  it('learns of a hung app only when the ALB marks it unhealthy (unhealthy threshold x interval), then replaces it', () => {
    const w = steady();
    const victim = w.service.liveTasks[0];
    const at = w.now;
    w.breakApp(victim.id);
    w.advance(tg.unhealthyThreshold * tg.healthCheckIntervalSeconds + w.assumptions.schedulerReactionSeconds);
    const known = w.log.ofKind('failure-known').find((e) => e.taskId === victim.id);
    expect(known).toBeDefined();
    expect(known!.at - at).toBeGreaterThan((tg.unhealthyThreshold - 1) * tg.healthCheckIntervalSeconds);
    expect(w.log.ofKind('task-launched').some((l) => l.at >= known!.at)).toBe(true);
  });

  it('ignores an unhealthy target during the health check grace period', () => {
    const grace = 600;
    const w = new World(withChanges({ service: { healthCheckGracePeriodSeconds: grace } }));
    w.advance(w.assumptions.taskStartSeconds + 1);
    const first = w.service.liveTasks[0];
    w.breakApp(first.id);
    w.advance(grace - 60);
    expect(w.targets.stateOf(first.id)).toBe('unhealthy');
    expect(w.log.ofKind('failure-known').some((e) => e.taskId === first.id)).toBe(false);
    w.advance(120);
    expect(w.log.ofKind('failure-known').some((e) => e.taskId === first.id)).toBe(true);
  });

  it('an orderly stop drains the target for the deregistration delay before the task stops', () => {
    const w = steady();
    w.service.desiredCount = desired - 1;
    w.advance(w.assumptions.schedulerReactionSeconds);
    const stopping = w.log.ofKind('task-stopping').at(-1)!;
    expect(w.targets.stateOf(stopping.taskId)).toBe('draining');
    w.advance(tg.deregistrationDelaySeconds + w.assumptions.appShutdownSeconds + 1);
    expect(w.log.ofKind('task-stopped').some((s) => s.taskId === stopping.taskId)).toBe(true);
  });
});

describe('ECS service scheduler: rolling deployments and the circuit breaker', () => {
  it('rolls a working revision out within minimum healthy and maximum percent, then completes', () => {
    const w = steady();
    let minHealthy = Infinity;
    let maxLaunched = 0;
    const rev = w.deploy(true);
    for (let s = 0; s < 1200 && w.service.deploymentInProgress; s++) {
      w.advance(1);
      minHealthy = Math.min(minHealthy, w.healthyTasks.length);
      maxLaunched = Math.max(maxLaunched, w.service.activeTasks.length);
    }
    expect(w.service.completedRevision).toBe(rev);
    expect(minHealthy).toBeGreaterThanOrEqual(Math.ceil(desired * config.service.minimumHealthyPercent / 100));
    expect(maxLaunched).toBeLessThanOrEqual(Math.floor(desired * config.service.maximumPercent / 100));
    w.settle();
    expect(w.service.liveTasks.every((t) => t.revision === rev)).toBe(true);
  });

  it('the failure threshold is 0.5 x desired clamped to [3, 200] (ECS API reference, not [10, 200])', () => {
    expect([1, 2, 6, 7, 20, 21, 100, 400, 1000].map(circuitBreakerThreshold)).toEqual([3, 3, 3, 4, 10, 11, 50, 200, 200]);
  });

  it('stops a broken deployment after the threshold of failed tasks and rolls back to the last completed revision', () => {
    const w = steady();
    const before = w.service.completedRevision;
    const start = w.now;
    w.deploy(false);
    w.settle(4 * 3600);
    const failed = w.log.ofKind('deployment-failed')[0];
    expect(failed.failedTasks).toBe(circuitBreakerThreshold(desired));
    const rollback = w.log.ofKind('deployment-started').find((d) => d.rollback);
    expect(rollback?.revision).toBe(before);
    expect(w.service.serviceRevision).toBe(before);
    // With a 60 s grace and 3 x 30 s checks each failed task takes minutes: 3 of them are more than 3 minutes.
    expect(failed.at - start).toBeGreaterThan(3 * 60);
  });

  it('without rollback the failed deployment stays on the broken revision', () => {
    const w = steady(withChanges({ service: { circuitBreaker: { enable: true, rollback: false } } }));
    const bad = w.deploy(false);
    w.advance(4 * 3600);
    expect(w.log.ofKind('deployment-failed').length).toBe(1);
    expect(w.service.serviceRevision).toBe(bad);
  });

  it('without the circuit breaker a broken deployment never ends', () => {
    const w = steady(withChanges({ service: { circuitBreaker: { enable: false, rollback: false } } }));
    w.deploy(false);
    w.advance(3 * 3600);
    expect(w.log.ofKind('deployment-failed')).toEqual([]);
    expect(w.service.deploymentInProgress).toBe(true);
  });
});

describe('ECS service scheduler: Fargate Spot and zones', () => {
  function scaledOut(): World {
    const w = steady();
    w.cpuDemand = 100 * config.scaling!.maxCapacity;
    w.advance(1200);
    return w;
  }

  it('tasks beyond the base go to Spot', () => {
    const w = scaledOut();
    expect(w.service.liveTasks.some((t) => t.provider === 'FARGATE_SPOT')).toBe(true);
  });

  it('a Spot interruption gives a two-minute warning: the target drains at once, the task is gone within 120 s and a replacement is launched', () => {
    const w = scaledOut();
    const spot = w.service.liveTasks.find((t) => t.provider === 'FARGATE_SPOT' && t.state === 'RUNNING')!;
    const at = w.now;
    w.interruptSpot(spot.id);
    expect(w.targets.stateOf(spot.id)).toBe('draining');
    w.advance(SPOT_WARNING_SECONDS);
    expect(w.service.task(spot.id)).toBeUndefined();
    expect(w.log.ofKind('task-launched').some((l) => l.at >= at && l.at <= at + w.assumptions.schedulerReactionSeconds)).toBe(true);
  });

  it('scale-in stops Spot tasks before on-demand ones', () => {
    const w = scaledOut();
    w.cpuDemand = 0;
    const stopped = () => w.log.ofKind('task-stopping').filter((e) => e.reason === 'scale-in').map((e) => e.taskId);
    const providers = new Map(w.log.ofKind('task-launched').map((l) => [l.taskId, l.provider]));
    w.advance(1800);
    expect(stopped().length).toBeGreaterThan(0);
    expect(providers.get(stopped()[0])).toBe('FARGATE_SPOT');
  });

  it('a lost zone\'s tasks turn unhealthy and are replaced in the other zone; rebalancing moves them back after', () => {
    const w = steady();
    w.loseAz(0);
    w.advance(600);
    expect(w.service.activeTasks.every((t) => t.az !== 0)).toBe(true);
    w.restoreAz(0);
    w.advance(1800);
    w.settle();
    expect(new Set(w.service.activeTasks.map((t) => t.az)).size).toBe(Math.min(desired, config.service.availabilityZones));
  });

  it('without AZ rebalancing the tasks stay in one zone after the outage', () => {
    const w = steady(withChanges({ service: { availabilityZoneRebalancing: false } }));
    w.loseAz(0);
    w.advance(600);
    w.restoreAz(0);
    w.advance(1800);
    expect(new Set(w.service.activeTasks.map((t) => t.az)).size).toBe(1);
  });
});

describe('ECS service scheduler: container health check', () => {
  // An ALB that would take very long to call the target unhealthy isolates the container check.
  const slowAlb = { targetGroup: { unhealthyThreshold: 1000 } };

  it('replaces a task whose container health check fails `retries` times after the start period', () => {
    const hc = config.task.healthCheck!;
    const w = steady(withChanges(slowAlb));
    const victim = w.service.liveTasks[0];
    const at = w.now;
    w.breakApp(victim.id);
    w.advance((hc.retries + 1) * hc.intervalSeconds + w.assumptions.schedulerReactionSeconds);
    const known = w.log.ofKind('failure-known').find((e) => e.taskId === victim.id);
    expect(known?.reason).toBe('unhealthy');
    expect(known!.at - at).toBeLessThanOrEqual((hc.retries + 1) * hc.intervalSeconds + w.assumptions.schedulerReactionSeconds);
  });

  it('without a container health check, only the ALB can report the hung task', () => {
    const w = steady(withChanges({ ...slowAlb, task: { healthCheck: undefined } }));
    const victim = w.service.liveTasks[0];
    w.breakApp(victim.id);
    w.advance(600);
    expect(w.log.ofKind('failure-known').some((e) => e.taskId === victim.id)).toBe(false);
  });

  it('a zone losing its network does not fail the container check (it runs inside the task)', () => {
    const w = steady(withChanges(slowAlb));
    w.loseAz(0);
    w.advance(600);
    expect(w.log.ofKind('failure-known').length).toBe(0);
  });
});

describe('ECS service scheduler: corrected AWS facts', () => {
  it('starts the replacement of an unhealthy task first and stops the unhealthy one only once the replacement is healthy', () => {
    const w = steady();
    const victim = w.service.liveTasks[0];
    w.breakApp(victim.id);
    w.advance(600);
    const known = w.log.ofKind('failure-known').find((e) => e.taskId === victim.id)!;
    const stopping = w.log.ofKind('task-stopping').find((e) => e.taskId === victim.id)!;
    const replacement = w.log.ofKind('task-launched').find((l) => l.at >= known.at)!;
    const healthy = w.log.ofKind('target-state').find((e) => e.taskId === replacement.taskId && e.to === 'healthy')!;
    expect(replacement.at).toBeLessThan(stopping.at);
    expect(healthy.at).toBeLessThanOrEqual(stopping.at);
  });

  it('fills the capacity provider base per deployment: a new deployment starts its first tasks on the base provider', () => {
    const w = steady();
    w.cpuDemand = 100 * config.scaling!.maxCapacity;
    w.advance(1200);
    const before = w.log.size;
    w.deploy(true);
    w.advance(60);
    const base = config.service.capacityProviderStrategy.find((s) => s.base > 0)!;
    const firstNew = w.log.ofKind('task-launched', before).slice(0, base.base);
    expect(firstNew.map((l) => l.provider)).toEqual(Array(base.base).fill(base.capacityProvider));
  });

  it('does not fall back to FARGATE when Fargate Spot has no capacity: the Spot task waits', () => {
    const w = steady();
    w.cpuDemand = 100 * config.scaling!.maxCapacity;
    w.advance(1200);
    w.setSpotCapacity(false);
    const spot = w.service.liveTasks.find((t) => t.provider === 'FARGATE_SPOT' && t.state === 'RUNNING')!;
    const before = w.log.size;
    w.crashTask(spot.id);
    w.advance(300);
    expect(w.log.ofKind('launch-refused', before).length).toBe(1);
    expect(w.log.ofKind('task-launched', before).every((l) => l.provider !== 'FARGATE')).toBe(true);
    expect(w.service.activeTasks.length).toBe(w.service.desiredCount - 1);
    w.setSpotCapacity(true);
    w.advance(w.assumptions.schedulerReactionSeconds);
    expect(w.service.activeTasks.length).toBe(w.service.desiredCount);
  });

  it('brings DesiredCount into the scalable target range at registration (time 0), not a minute later', () => {
    const w = new World(withChanges({ service: { desiredCount: config.scaling!.minCapacity - 1 } }));
    expect(w.service.desiredCount).toBe(config.scaling!.minCapacity);
    expect(w.log.ofKind('scaling')[0]?.at).toBe(0);
  });
});
