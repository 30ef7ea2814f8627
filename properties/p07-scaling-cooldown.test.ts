import { afterAll, describe, it } from 'vitest';
import type { DeploymentConfig } from '../infra/template/index.js';
import { setProp } from '../infra/rules/mutate.js';
import type { World } from './model/index.js';
import { SPEC } from './spec.js';
import { arb, sequenceProperty, Violation } from './support/commands.js';
import { assertHolds, expectRejects } from './support/check.js';
import { PropertyEvidence } from './support/evidence.js';
import { configUnderTest, mutantConfig } from './support/template.js';

/**
 * P7 Scaling cooldown (R7.4, R7.5): two scale-outs are at least 60 s apart and two scale-ins at least
 * 300 s apart. Target tracking evaluates one-minute datapoints, so scale-outs are 60 s apart even with a
 * shorter scale-out cooldown: only the scale-in half can be broken by the template (see DEVIATIONS.md).
 */
const evidence = new PropertyEvidence('P7', ['R7.4', 'R7.5'],
  'the 60 s between scale-outs also follows from the one-minute metric period, so a shorter template scale-out cooldown cannot be detected by this property; the mutant breaks the scale-in cooldown. AWS lets a scale-out during its cooldown add capacity beyond the previous one; the model blocks it, as R7.4 states');
afterAll(() => { evidence.write(); });

function cooldownsRespected(config: DeploymentConfig) {
  return sequenceProperty(config, [arb.cpu(1500), arb.passTime(900)], () => {
    let seen = 0;
    const last: Record<'out' | 'in', number | undefined> = { out: undefined, in: undefined };
    return {
      onSecond(w: World) {
        for (const s of w.log.ofKind('scaling', seen)) {
          const gap = s.direction === 'out' ? SPEC.scaleOutCooldownSeconds : SPEC.scaleInCooldownSeconds;
          const prev = last[s.direction];
          if (prev !== undefined && s.at - prev < gap) throw new Violation(s.at, `scale-${s.direction} ${s.at - prev}s after the previous one (at least ${gap}s)`);
          last[s.direction] = s.at;
        }
        seen = w.log.size;
      },
    };
  });
}

describe('P7 scaling cooldown prevention', () => {
  it('P7 scale-outs are at least 60 s apart and scale-ins at least 300 s apart, for any CPU trace', () => {
    assertHolds(evidence, 'P7 holds on the template under test', cooldownsRespected(configUnderTest));
  });

  it('P7 rejects a scale-in cooldown of 60 s', () => {
    expectRejects(evidence, 'P7 mutant ScaleInCooldown 60', cooldownsRespected(mutantConfig('ScaleInCooldown 60',
      (t) => setProp(t, 'AWS::ApplicationAutoScaling::ScalingPolicy', 'TargetTrackingScalingPolicyConfiguration.ScaleInCooldown', 60))));
  });
});
