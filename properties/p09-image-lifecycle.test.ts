import { UnknownValueError } from '../infra/template/index.js';
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import type { DeploymentConfig } from '../infra/template/index.js';
import { setProp } from '../infra/rules/mutate.js';
import { awsFacts, HOUR, Repository } from './model/index.js';
import { SPEC } from './spec.js';
import { assertHolds, expectRejects } from './support/check.js';
import { PropertyEvidence } from './support/evidence.js';
import { registryCommands, type RegistrySim } from './support/registry-commands.js';
import { configUnderTest, mutantConfig } from './support/template.js';
import { commandConstraints, MAX_COMMANDS } from './settings.js';

/**
 * P9 Image lifecycle enforcement (R2.2). ECR applies lifecycle rules asynchronously, within 24 hours,
 * so right after the eleventh push there are eleven images for a while. What holds, and is checked:
 * for any pushes and pauses, whenever 24 hours have passed since the last push, at most 10 images are
 * stored and they are the 10 most recent. The lifecycle's delay is itself drawn from AWS's range.
 */
const evidence = new PropertyEvidence('P9', ['R2.2'],
  'ECR applies lifecycle rules within 24 hours, so the count can exceed 10 for up to a day after a push; checked: at most the 10 most recent images remain once 24 h have passed since the last push');
afterAll(() => { evidence.write(); });

function keepsTenNewest(config: DeploymentConfig) {
  const ecr = config.ecr;
  // ECR's lifecycle delay, labelled so that a counterexample says what the number is.
  const delays = fc.integer({ min: 0, max: awsFacts.ECR_LIFECYCLE_MAX_DELAY_SECONDS }).map((seconds) => ({ seconds, toString: () => `lifecycle runs ${(seconds / HOUR).toFixed(1)}h after the limit is passed` }));
  return fc.property(delays, fc.commands(registryCommands, commandConstraints(MAX_COMMANDS * 2)), (delay, cmds) => {
    if (!ecr) throw new UnknownValueError('the ECR lifecycle policy', 'the template creates no ECR repository: its images live in a registry this template does not show');
    const sim: RegistrySim = {
      repo: new Repository(ecr, delay.seconds), now: 0, pushes: [],
      check(s) {
        const last = s.pushes.at(-1);
        if (!last || s.now - last.at < awsFacts.ECR_LIFECYCLE_MAX_DELAY_SECONDS) return;
        const stored = s.repo.images.map((i) => i.digest).sort();
        const newest = s.pushes.slice(-SPEC.maxImages).map((p) => p.digest).sort();
        if (stored.length > SPEC.maxImages) throw new Error(`${stored.length} images stored a day after the last push`);
        if (JSON.stringify(stored) !== JSON.stringify(newest)) throw new Error(`stored images are not the ${SPEC.maxImages} most recent`);
      },
    };
    fc.modelRun(() => ({ model: sim, real: sim }), cmds);
  });
}

describe('P9 image lifecycle enforcement', () => {
  it('P9 a day after the last push at most the 10 most recent images remain', () => {
    assertHolds(evidence, 'P9 holds on the template under test', keepsTenNewest(configUnderTest));
  });

  it('P9 rejects a lifecycle rule that keeps 15 images', () => {
    expectRejects(evidence, 'P9 mutant countNumber 15', keepsTenNewest(mutantConfig('countNumber 15', (t) => {
      const repo = Object.values(t.Resources).find((r) => r.Type === 'AWS::ECR::Repository')!;
      const policy = JSON.parse(repo.Properties!.LifecyclePolicy.LifecyclePolicyText);
      policy.rules[0].selection.countNumber = 15;
      setProp(t, 'AWS::ECR::Repository', 'LifecyclePolicy.LifecyclePolicyText', JSON.stringify(policy));
    })));
  });

  it('P9 rejects a repository without a lifecycle policy', () => {
    expectRejects(evidence, 'P9 mutant no LifecyclePolicy', keepsTenNewest(mutantConfig('no lifecycle policy',
      (t) => setProp(t, 'AWS::ECR::Repository', 'LifecyclePolicy', undefined))));
  });
});
