import { afterAll, describe, it } from 'vitest';
import type { DeploymentConfig } from '../infra/template/index.js';
import { setProp } from '../infra/rules/mutate.js';
import { routableTargets, type World } from './model/index.js';
import { SPEC } from './spec.js';
import { arb, sequenceProperty, Violation, type Checker } from './support/commands.js';
import { assertHolds, expectRejects } from './support/check.js';
import { PropertyEvidence } from './support/evidence.js';
import { configUnderTest, mutantConfig } from './support/template.js';
import { HEALTH_MUTANTS } from './support/health-mutants.js';

/**
 * P2 Health check determines routing (R5.5, R6.2): a target that failed 3 consecutive health checks
 * gets no new request. AWS's fail-open is the one exception: when no target is healthy the ALB routes
 * to all of them, so the statement checked is "while any target is healthy". And routing must follow the
 * app's health, not a check that cannot pass: a task whose app answers must never be taken out of routing
 * (marked unhealthy by the ALB, or stopped by ECS as unhealthy) because its health check asks what the app
 * does not serve (port, protocol, path, matcher, container command: judged against the container tests'
 * measurement of the real image).
 */
const evidence = new PropertyEvidence('P2', ['R5.5', 'R6.2'],
  'when no target is healthy the ALB fails open (AWS behaviour) and routes to failing targets too; checked: no new request reaches a target with 3 consecutive failed checks while at least one target is healthy');
afterAll(() => { evidence.write(); });

/** Counts consecutive failed checks per task from the health check log, independently of the target group's own counters. */
class RoutingChecker implements Checker {
  private readonly failedInARow = new Map<number, number>();
  private seen = 0;

  private update(w: World): void {
    for (let i = this.seen; i < w.log.size; i++) {
      const e = w.log.all[i];
      if (e.kind === 'health-check') this.failedInARow.set(e.taskId, e.ok ? 0 : (this.failedInARow.get(e.taskId) ?? 0) + 1);
      const out = e.kind === 'target-state' && e.to === 'unhealthy' ? 'the ALB marked it unhealthy'
        : e.kind === 'task-stopping' && e.reason === 'unhealthy' ? 'ECS stopped it as unhealthy' : undefined;
      const why = out && 'taskId' in e ? w.falseFailure(e.taskId) : undefined;
      if (why && 'taskId' in e) throw new Violation(e.at, `task ${e.taskId}'s app answers, yet it was taken out of routing (${out}): ${why}`);
    }
    this.seen = w.log.size;
  }

  onSecond(w: World): void {
    this.update(w);
    if (w.targets.healthyCount === 0) return; // fail-open
    for (const t of routableTargets(w.targets.all)) {
      const failed = this.failedInARow.get(t.taskId) ?? 0;
      if (failed >= SPEC.unhealthyChecks) throw new Violation(w.now, `task ${t.taskId} failed ${failed} checks in a row and still receives new requests`);
    }
  }

  onRequest(w: World, task: { id: number } | undefined): void {
    this.update(w);
    if (!task || w.targets.healthyCount === 0) return;
    const failed = this.failedInARow.get(task.id) ?? 0;
    if (failed >= SPEC.unhealthyChecks) throw new Violation(w.now, `a request reached task ${task.id} after ${failed} failed checks in a row`);
  }
}

function routingFollowsHealth(config: DeploymentConfig) {
  return sequenceProperty(config, [arb.passTime(200), arb.failHealth(), arb.crash(), arb.requests(), arb.loseZone(), arb.restoreZone()], () => new RoutingChecker());
}

describe('P2 health check determines routing', () => {
  it('P2 a target with 3 consecutive failed health checks receives no new request while another target is healthy', () => {
    assertHolds(evidence, 'P2 holds on the template under test', routingFollowsHealth(configUnderTest));
  });

  for (const m of HEALTH_MUTANTS) {
    it(`P2 rejects a health check that can never pass: ${m.name}`, () => {
      expectRejects(evidence, `P2 mutant ${m.name}`, routingFollowsHealth(mutantConfig(m.name, m.change)));
    });
  }

  it('P2 rejects a target group that needs 5 failed checks before it stops routing', () => {
    expectRejects(evidence, 'P2 mutant UnhealthyThresholdCount 5', routingFollowsHealth(mutantConfig('UnhealthyThresholdCount 5',
      (t) => setProp(t, 'AWS::ElasticLoadBalancingV2::TargetGroup', 'UnhealthyThresholdCount', 5))));
  });
});
