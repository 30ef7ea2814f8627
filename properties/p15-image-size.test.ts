import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { NO_DOCKERFILE, readDockerfile } from '../infra/rules/run.js';
import { UnknownValueError } from '../infra/template/index.js';
import { SPEC } from './spec.js';
import { PropertyEvidence } from './support/evidence.js';
import { dockerStages, imageSizeVerdict } from './support/image-size.js';

/**
 * P15 Image size constraint (R1.2). THE SIZE ITSELF IS NOT MEASURED HERE: the container tests
 * (integration/container) build the image and measure it. This file checks what can be checked without
 * building: the Dockerfile is multi-stage and its final stage only copies the built environment from an
 * earlier stage (R1.1, the means to a small image), and the verdict function the container tests use
 * draws the line exactly at 500 MB.
 */
const evidence = new PropertyEvidence('P15', ['R1.2'],
  'the image size is measured by integration/container; here only the Dockerfile structure and the size verdict function are checked')
  .markStatic('the Dockerfile\'s stages and the size verdict function (the size itself is measured by the container tests)');
afterAll(() => {
  evidence.write({ status: 'not-verified', reason: 'the image size is measured by the container tests (integration/container), not by this suite' });
});

/** Multi-stage, and the final stage takes its Python environment from an earlier stage. */
export function multiStageFacts(dockerfile: string): { ok: boolean; detail: string } {
  const stages = dockerStages(dockerfile);
  const final = stages.at(-1);
  const earlier = stages.slice(0, -1).map((s, i) => s.name ?? String(i));
  const copiesFromBuild = final !== undefined && earlier.some((n) => new RegExp(`COPY\\s+--from=${n}\\b`, 'i').test(final.body));
  const ok = stages.length >= 2 && copiesFromBuild;
  return { ok, detail: `${stages.length} stages; final stage ${copiesFromBuild ? 'copies' : 'does not copy'} from an earlier stage` };
}

describe('P15 image size constraint', () => {
  it('P15 the Dockerfile is multi-stage and the final stage copies the built environment from the build stage', () => {
    const dockerfile = readDockerfile();
    if (dockerfile === undefined) {
      evidence.unknown('P15 Dockerfile is multi-stage', NO_DOCKERFILE);
      throw new UnknownValueError('the Dockerfile\'s stages', NO_DOCKERFILE);
    }
    const facts = multiStageFacts(dockerfile);
    evidence.fact('P15 Dockerfile is multi-stage', facts.ok, facts.detail);
    expect(facts.ok, facts.detail).toBe(true);
  });

  it('P15 rejects a single-stage Dockerfile', () => {
    const single = multiStageFacts('FROM python:3.11-slim\nCOPY dashboard/ /app/\nRUN pip install -r /app/requirements.txt\n');
    evidence.rejectedFact('P15 mutant single-stage Dockerfile', !single.ok, single.detail);
    expect(single.ok).toBe(false);
  });

  it('P15 the size verdict accepts exactly the sizes below 500 MB', () => {
    const details = fc.check(fc.property(fc.integer({ min: 0, max: 2 * SPEC.maxImageBytes }), (bytes) => imageSizeVerdict(bytes).ok === (bytes < SPEC.maxImageBytes)));
    evidence.held('P15 size verdict function', details);
    expect(details.failed, fc.defaultReportMessage(details) ?? '').toBe(false);
    expect(imageSizeVerdict(SPEC.maxImageBytes).ok).toBe(false);
    expect(imageSizeVerdict(SPEC.maxImageBytes - 1).ok).toBe(true);
  });
});
