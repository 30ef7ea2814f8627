import { afterAll, describe, it } from 'vitest';
import type { DeploymentConfig } from '../infra/template/index.js';
import { setProp } from '../infra/rules/mutate.js';
import type { World } from './model/index.js';
import { SPEC } from './spec.js';
import { arb, sequenceProperty, SetSpotCapacity, Violation, type Checker, type WorldCommand } from './support/commands.js';
import { assertHolds, expectRejects } from './support/check.js';
import { PropertyEvidence } from './support/evidence.js';
import { configOf, configUnderTest, mutantConfig } from './support/template.js';
import { HEALTH_MUTANTS } from './support/health-mutants.js';

/**
 * P3 Auto-healing replacement (R6.2). "Replaced within 60 s of failing" cannot hold for a task whose
 * app hangs: ECS only learns of it when the ALB has seen 3 failed checks 30 s apart. The two precise
 * statements checked:
 *  (a) from the moment ECS knows a task failed (stopped, unhealthy, or reclaimed by Spot), the service
 *      is back at its desired count of launched tasks within 60 s;
 *  (b) ECS knows of a hung app within 3 x 30 s of the hang (plus the scheduler's reaction time).
 * ECS hears from the ALB and from the container health check; one alone is slow only for a task that
 * hangs right after it starts, so the sequences include crashes whose replacement hangs.
 * While Fargate Spot has no capacity, ECS retries a Spot task's launch and never falls back to FARGATE
 * (aws-facts.ts): a Spot task cannot be replaced then. What the template decides is the on-demand floor:
 * (a) is checked then for min(desired, 2) tasks (R6.1's minimum, which the FARGATE base keeps), and for
 * the full desired count within 60 s of Spot capacity returning.
 * (c) healing replaces failed tasks only: ECS never finds a task unhealthy whose app answers (a health
 *     check that cannot pass against the real app, as the container tests measured it, would replace
 *     every task over and over).
 */
const evidence = new PropertyEvidence('P3', ['R6.2'],
  'the 60 s is measured from the moment ECS knows the task failed; detecting a hung app takes up to 3 failed checks x 30 s first (checked as a separate bound), so a replacement runs up to about 150 s after the app hangs; while Fargate Spot has no capacity a Spot task cannot be replaced (ECS does not fall back to FARGATE): checked then for min(desired, 2) tasks, the on-demand floor, and for the desired count within 60 s of Spot capacity returning');
afterAll(() => { evidence.write(); });

class HealingChecker implements Checker {
  private seen = 0;
  /** Deadlines by which the service must be back at its desired count. */
  private readonly replaceBy: number[] = [];
  /** Tasks whose app was broken, and when. */
  private readonly hungAt = new Map<number, number>();
  private readonly knownTasks = new Set<number>();

  onSecond(w: World): void {
    for (let i = this.seen; i < w.log.size; i++) {
      const e = w.log.all[i];
      if (e.kind === 'failure-known' && e.reason === 'unhealthy') {
        const why = w.falseFailure(e.taskId);
        if (why) throw new Violation(e.at, `ECS found task ${e.taskId} unhealthy and replaces it, but its app answers: ${why}`);
      }
      if (e.kind === 'failure-known' || e.kind === 'spot-warning') {
        this.replaceBy.push(e.at + SPEC.replacementSeconds);
        w.wakeAt(e.at + SPEC.replacementSeconds + 1); // look at the deadline even if nothing happens then
        if (this.knownTasks.has(e.taskId)) continue;
        this.knownTasks.add(e.taskId);
        const hung = this.hungAt.get(e.taskId);
        const detectionBound = SPEC.unhealthyChecks * SPEC.healthCheckIntervalSeconds + w.assumptions.schedulerReactionSeconds;
        if (hung !== undefined && e.at - hung > detectionBound) throw new Violation(e.at, `ECS learned of task ${e.taskId}'s hang ${e.at - hung}s after it began (bound ${detectionBound}s)`);
      }
    }
    this.seen = w.log.size;
    const bound = SPEC.unhealthyChecks * SPEC.healthCheckIntervalSeconds + w.assumptions.schedulerReactionSeconds;
    for (const t of w.runningTasks) {
      // A hang starts when the app was broken, or when it would have become ready, whichever is later.
      const readyAt = (t.runningAt ?? w.now) + w.assumptions.appReadySeconds;
      if (w.appBroken(t.id) && !this.hungAt.has(t.id) && w.now >= readyAt) { this.hungAt.set(t.id, w.now); w.wakeAt(w.now + bound + 1); }
    }
    for (const [taskId, at] of this.hungAt) {
      if (!this.knownTasks.has(taskId) && w.service.task(taskId)?.state === 'RUNNING' && w.now - at > bound) {
        throw new Violation(w.now, `task ${taskId} has hung for ${w.now - at}s and ECS still does not know`);
      }
    }
    const spot = w.service.spotCapacityAvailable;
    const required = spot ? w.service.desiredCount : Math.min(w.service.desiredCount, SPEC.minTasks);
    if (w.service.activeTasks.length >= required) { this.replaceBy.length = 0; return; }
    const overdue = this.replaceBy.find((d) => w.now > d);
    if (overdue !== undefined) throw new Violation(w.now, `${w.service.activeTasks.length} of ${w.service.desiredCount} tasks launched ${SPEC.replacementSeconds}s after ECS learned of a failure${spot ? '' : ` (Fargate Spot has no capacity and ECS does not fall back to FARGATE, so only on-demand tasks can replace: at least ${required} were due)`}`);
  }

  afterCommand(w: World, command: WorldCommand): void {
    // Spot capacity is back: Spot tasks that waited must be launched within the same 60 s.
    if (command instanceof SetSpotCapacity && command.available) { this.replaceBy.push(w.now + SPEC.replacementSeconds); w.wakeAt(w.now + SPEC.replacementSeconds + 1); }
  }
}
function healing(config: DeploymentConfig) {
  // Hangs of just-started tasks matter most: the start period and the grace period delay what ECS sees.
  return sequenceProperty(config, [arb.passTime(300), arb.crash(), arb.failHealth(), arb.crashThenReplacementHangs(), arb.spot(), arb.cpu(), arb.deploy(), arb.spotCapacity()], () => new HealingChecker());
}

describe('P3 auto-healing replacement', () => {
  it('P3 a failed task is replaced within 60 s of ECS knowing, and a hung app is known within 3 x 30 s', () => {
    assertHolds(evidence, 'P3 holds on the template under test', healing(configUnderTest));
  });

  for (const m of HEALTH_MUTANTS) {
    it(`P3 rejects a health check that can never pass: ${m.name}`, () => {
      expectRejects(evidence, `P3 mutant ${m.name}`, healing(mutantConfig(m.name, m.change)));
    });
  }

  it('P3 rejects a capacity provider strategy without a FARGATE base (Spot without capacity leaves failed tasks unreplaced)', () => {
    expectRejects(evidence, 'P3 mutant CapacityProviderStrategy Base 0', healing(mutantConfig('no on-demand base', (t) => {
      const id = configOf(t).service.id;
      const props = t.Resources[id].Properties!;
      props.CapacityProviderStrategy = (props.CapacityProviderStrategy as Array<Record<string, unknown>>).map((s) => ({ ...s, Base: 0 }));
    })));
  });

  it('P3 rejects a target group that needs 10 failed checks to call a target unhealthy', () => {
    expectRejects(evidence, 'P3 mutant UnhealthyThresholdCount 10', healing(mutantConfig('UnhealthyThresholdCount 10',
      (t) => setProp(t, 'AWS::ElasticLoadBalancingV2::TargetGroup', 'UnhealthyThresholdCount', 10))));
  });

  it('P3 rejects a health check grace period of 300 s', () => {
    expectRejects(evidence, 'P3 mutant HealthCheckGracePeriodSeconds 300', healing(mutantConfig('HealthCheckGracePeriodSeconds 300',
      (t) => setProp(t, 'AWS::ECS::Service', 'HealthCheckGracePeriodSeconds', 300))));
  });

  it('P3 rejects health checks every 60 s', () => {
    expectRejects(evidence, 'P3 mutant HealthCheckIntervalSeconds 60', healing(mutantConfig('HealthCheckIntervalSeconds 60',
      (t) => setProp(t, 'AWS::ElasticLoadBalancingV2::TargetGroup', 'HealthCheckIntervalSeconds', 60))));
  });
});
