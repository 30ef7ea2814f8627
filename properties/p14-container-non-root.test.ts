import { afterAll, describe, expect, it } from 'vitest';
import type { DeploymentConfig } from '../infra/template/index.js';
import { container } from '../infra/rules/mutate.js';
import { NO_DOCKERFILE, readDockerfile } from '../infra/rules/run.js';
import { UnknownValueError } from '../infra/template/index.js';
import { SPEC } from './spec.js';
import { PropertyEvidence } from './support/evidence.js';
import { configUnderTest, mutantConfig } from './support/template.js';

/**
 * P14 Container non-root execution (R1.3). A static fact, not simulated: on ECS the container
 * definition's `User` decides the process's UID (it overrides the image's USER), so the template's
 * value is what runs. The Dockerfile's final USER is checked too when there is a Dockerfile; the
 * container tests (integration/container) observe the UID of the running process.
 */
const evidence = new PropertyEvidence('P14', ['R1.3'])
  .markStatic('the container definition\'s User and the Dockerfile\'s final USER (the running UID is observed by the container tests)');
afterAll(() => { evidence.write(); });

/** The UID a `user` or `user:group` value names, when numeric. */
export function uidOf(user: string | undefined): number | undefined {
  if (user === undefined) return undefined;
  const uid = user.split(':')[0];
  return /^\d+$/.test(uid) ? Number(uid) : undefined;
}

function runsAsSpecUid(config: DeploymentConfig): boolean { return uidOf(config.task.user) === SPEC.uid; }

/** The USER of the Dockerfile's last stage. */
export function finalStageUser(dockerfile: string): string | undefined {
  const stages = dockerfile.split(/^\s*FROM\s/im);
  const last = stages[stages.length - 1];
  const users = [...last.matchAll(/^\s*USER\s+(\S+)/gim)].map((m) => m[1]);
  return users.at(-1);
}

describe('P14 container non-root execution', () => {
  it('P14 the task definition runs the container as UID 1000', () => {
    const user = configUnderTest.task.user;
    const dockerfile = readDockerfile();
    if (user === undefined && dockerfile === undefined) {
      // Without a User in the task definition the image's USER decides, and no image is at hand.
      const why = `container User is unset, so the image's USER decides, and ${NO_DOCKERFILE}`;
      evidence.unknown('P14 container User is 1000', why);
      throw new UnknownValueError(`task ${configUnderTest.task.id} container User`, why);
    }
    const effective = user ?? finalStageUser(dockerfile!);
    const ok = uidOf(effective) === SPEC.uid;
    evidence.fact('P14 container User is 1000', ok, user !== undefined ? `container User = ${user}` : `container User unset: the image's final USER decides: ${effective ?? '(none: root)'}`);
    expect(ok, `the container runs as ${effective ?? 'root'}`).toBe(true);
  });

  it('P14 the Dockerfile ends with USER 1000', () => {
    const dockerfile = readDockerfile();
    if (dockerfile === undefined) {
      evidence.unknown('P14 Dockerfile final USER is 1000', NO_DOCKERFILE);
      throw new UnknownValueError('the Dockerfile\'s final USER', NO_DOCKERFILE);
    }
    const user = finalStageUser(dockerfile);
    const ok = uidOf(user) === SPEC.uid;
    evidence.fact('P14 Dockerfile final USER is 1000', ok, `USER ${user ?? '(none)'}`);
    expect(ok).toBe(true);
  });

  it('P14 rejects a container running as root (User 0)', () => {
    const ok = runsAsSpecUid(mutantConfig('User 0', (t) => { container(t).User = '0'; }));
    evidence.rejectedFact('P14 mutant User 0', !ok, 'container User 0');
    expect(ok).toBe(false);
  });

  it('P14 rejects a container definition without User', () => {
    const ok = runsAsSpecUid(mutantConfig('no User', (t) => { delete container(t).User; }));
    evidence.rejectedFact('P14 mutant no User', !ok, 'no container User');
    expect(ok).toBe(false);
  });

  it('P14 rejects a Dockerfile whose last stage runs as root', () => {
    const rootLast = uidOf(finalStageUser('FROM a AS build\nUSER 1000\nFROM b\nUSER root\n'));
    evidence.rejectedFact('P14 mutant Dockerfile final USER root', rootLast !== SPEC.uid, 'last stage USER root');
    expect(rootLast).not.toBe(SPEC.uid);
    expect(uidOf(finalStageUser('FROM a AS build\nFROM b\nUSER 1000:1000\n'))).toBe(SPEC.uid);
  });
});
