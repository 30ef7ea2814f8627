import { afterAll, describe, it } from 'vitest';
import type { DeploymentConfig } from '../infra/template/index.js';
import { setProp } from '../infra/rules/mutate.js';
import type { World } from './model/index.js';
import { SPEC } from './spec.js';
import { arb, sequenceProperty, Violation } from './support/commands.js';
import { assertHolds, expectRejects } from './support/check.js';
import { PropertyEvidence } from './support/evidence.js';
import { configUnderTest, mutantConfig } from './support/template.js';
import { HEALTH_MUTANTS } from './support/health-mutants.js';

/**
 * P4 Rolling deployment safety (R6.3, R6.4): during any deployment, good or broken, back to back or
 * not, and while target tracking scales the service out or in (CPU demand is part of the sequences, so
 * deployments run at desired counts from 2 to 10), the scheduler never takes a healthy task out of
 * service (a deployment, scale-in or rebalancing stop) unless 100 % of the desired count stays healthy,
 * and never launches a task beyond 200 % of it. Deployments here run without other faults: a task
 * crashing mid-deployment lowers the healthy count whatever the deployment settings (that is P12's
 * concern). Tasks that ECS is already draining are not counted toward the 200 %, as ECS does not count
 * them. A scale-out raises the desired count before the new tasks can be healthy, so "healthy >= 100 %
 * of desired" cannot hold at every second while scaling; what the deployment settings decide is which
 * healthy tasks the scheduler may stop, and that is what is checked. At a desired count of 2, 75 % and
 * 100 % both round up to 2 tasks: only a deployment at 4 or more tasks tells them apart. A rolling
 * deployment can only be safe if its tasks can be healthy: no task of a working release is ever found
 * unhealthy while its app answers (health checks judged against the real app, as measured by the
 * container tests).
 */
const evidence = new PropertyEvidence('P4', ['R6.3', 'R6.4'],
  'checked for deployments without simultaneous task failures (a crash during a deployment lowers the healthy count under any settings); with scaling during deployments, checked when the scheduler stops a healthy task (it must leave 100 % of desired healthy) and when it launches one (at most 200 % of desired); draining tasks are not counted toward the maximum, as in ECS');
afterAll(() => { evidence.write(); });

/** Stops the scheduler chooses (not failures): each must leave the minimum healthy count. */
const SCHEDULER_STOPS = new Set(['deployment', 'scale-in', 'rebalance']);

function deploymentSafety(config: DeploymentConfig) {
  return sequenceProperty(config, [arb.deploy(), arb.passTime(400), arb.cpu()], () => {
    let seen = 0;
    let healthyBefore = new Set<number>();
    let desiredBefore: number | undefined;
    return {
      onSecond(w: World) {
        const events = w.log.all.slice(seen);
        seen = w.log.size;
        for (const e of events) {
          const why = e.kind === 'failure-known' && e.reason === 'unhealthy' ? w.falseFailure(e.taskId) : undefined;
          if (why && e.kind === 'failure-known') throw new Violation(e.at, `ECS found task ${e.taskId} of a working release unhealthy, so no deployment can keep its tasks healthy: ${why}`);
        }
        const healthyNow = w.healthyTasks;
        const wasHealthy = healthyBefore;
        healthyBefore = new Set(healthyNow.map((t) => t.id));
        // The scheduler acts on the desired count in force when it runs, before target tracking may
        // change it later in the same second: judge its stops and launches by that one.
        const desired = desiredBefore ?? w.service.desiredCount;
        desiredBefore = w.service.desiredCount;
        if (!w.service.deploymentInProgress && !events.some((e) => e.kind === 'deployment-completed')) return;
        const minHealthy = Math.ceil(desired * SPEC.minimumHealthyPercent / 100);
        for (const e of events) {
          if (e.kind === 'task-stopping' && SCHEDULER_STOPS.has(e.reason) && wasHealthy.has(e.taskId) && healthyNow.length < minHealthy) {
            throw new Violation(w.now, `the scheduler stopped healthy task ${e.taskId} (${e.reason}) during a deployment, leaving ${healthyNow.length} healthy, below ${SPEC.minimumHealthyPercent}% of ${desired}`);
          }
        }
        const launched = w.service.launchedTasks.length;
        const maxTasks = Math.floor(desired * SPEC.maximumPercent / 100);
        if (events.some((e) => e.kind === 'task-launched') && launched > maxTasks) {
          throw new Violation(w.now, `${launched} tasks during a deployment after a launch, above ${SPEC.maximumPercent}% of ${desired}`);
        }
      },
    };
  });
}

describe('P4 rolling deployment safety', () => {
  it('P4 healthy tasks stay at 100 % and launched tasks at most 200 % of desired during good and broken deployments', () => {
    assertHolds(evidence, 'P4 holds on the template under test', deploymentSafety(configUnderTest));
  });

  for (const m of HEALTH_MUTANTS) {
    it(`P4 rejects a health check that can never pass: ${m.name}`, () => {
      expectRejects(evidence, `P4 mutant ${m.name}`, deploymentSafety(mutantConfig(m.name, m.change)));
    });
  }

  it('P4 rejects a minimum healthy percent of 50', () => {
    expectRejects(evidence, 'P4 mutant MinimumHealthyPercent 50', deploymentSafety(mutantConfig('MinimumHealthyPercent 50',
      (t) => setProp(t, 'AWS::ECS::Service', 'DeploymentConfiguration.MinimumHealthyPercent', 50))));
  });

  it('P4 rejects a minimum healthy percent of 75 (the same as 100 % at 2 tasks, not at 4 or more)', () => {
    expectRejects(evidence, 'P4 mutant MinimumHealthyPercent 75', deploymentSafety(mutantConfig('MinimumHealthyPercent 75',
      (t) => setProp(t, 'AWS::ECS::Service', 'DeploymentConfiguration.MinimumHealthyPercent', 75))));
  });

  it('P4 rejects a maximum percent of 300', () => {
    expectRejects(evidence, 'P4 mutant MaximumPercent 300', deploymentSafety(mutantConfig('MaximumPercent 300',
      (t) => setProp(t, 'AWS::ECS::Service', 'DeploymentConfiguration.MaximumPercent', 300))));
  });
});
