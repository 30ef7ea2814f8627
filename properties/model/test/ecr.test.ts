import { describe, expect, it } from 'vitest';
import { ECR_LIFECYCLE_MAX_DELAY_SECONDS } from '../aws-facts.js';
import { HOUR } from '../clock.js';
import { Repository } from '../ecr.js';
import { config } from './fixtures.js';

const ecr = config.ecr!;

describe('ECR repository', () => {
  it('keeps more than N images until the lifecycle runs, then the N most recent', () => {
    const repo = new Repository(ecr, HOUR);
    const n = ecr.maxImageCount!;
    for (let i = 0; i <= n; i++) repo.push(`d${i}`, [`c${i}`, 'latest'], i);
    expect(repo.images.length).toBe(n + 1);
    repo.advanceTo(n + HOUR);
    expect(repo.images.map((i) => i.digest)).toEqual(Array.from({ length: n }, (_, i) => `d${i + 1}`));
  });

  it('moves the latest tag to the newest push (mutable tags)', () => {
    const repo = new Repository(ecr);
    repo.push('a', ['c1', 'latest'], 0);
    repo.push('b', ['c2', 'latest'], 1);
    expect(repo.images.find((i) => i.tags.includes('latest'))?.digest).toBe('b');
    expect(repo.images.find((i) => i.digest === 'a')?.tags).toEqual(['c1']);
  });

  it('an immutable repository refuses a tag that exists', () => {
    const repo = new Repository({ ...ecr, tagMutability: 'IMMUTABLE' });
    expect(repo.push('a', ['latest'], 0)).toBe(true);
    expect(repo.push('b', ['latest'], 1)).toBe(false);
  });

  it('starts a scan on push exactly when the repository says so', () => {
    expect(new Repository(ecr).push('a', ['x'], 0)).toBe(true);
    const on = new Repository(ecr); on.push('a', ['x'], 0);
    const off = new Repository({ ...ecr, scanOnPush: false }); off.push('a', ['x'], 0);
    expect([on.images[0].scanStarted, off.images[0].scanStarted]).toEqual([ecr.scanOnPush, false]);
  });

  it('refuses a lifecycle delay beyond what AWS documents', () => {
    expect(() => new Repository(ecr, ECR_LIFECYCLE_MAX_DELAY_SECONDS + 1)).toThrow(RangeError);
  });
});
