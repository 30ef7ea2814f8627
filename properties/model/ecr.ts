import type { DeploymentConfig } from '../../infra/template/index.js';
import { ECR_LIFECYCLE_MAX_DELAY_SECONDS } from './aws-facts.js';
import type { Seconds } from './clock.js';

export interface StoredImage { readonly digest: string; tags: string[]; readonly pushedAt: Seconds; readonly scanStarted: boolean }

/**
 * An ECR repository: pushes (tags move when the repository is MUTABLE), scan on push, and the
 * lifecycle rule "keep the N most recent images", which ECR applies asynchronously: the model runs
 * it `lifecycleDelaySeconds` after a push made the repository exceed N (a test input within AWS's
 * documented bound `ECR_LIFECYCLE_MAX_DELAY_SECONDS`).
 */
export class Repository {
  private readonly stored: StoredImage[] = [];
  private dueAt: Seconds | undefined;
  private lastSweepAt: Seconds | undefined;

  constructor(private readonly cfg: NonNullable<DeploymentConfig['ecr']>, readonly lifecycleDelaySeconds: Seconds = ECR_LIFECYCLE_MAX_DELAY_SECONDS) {
    if (lifecycleDelaySeconds < 0 || lifecycleDelaySeconds > ECR_LIFECYCLE_MAX_DELAY_SECONDS) throw new RangeError('lifecycle delay outside what AWS documents');
  }

  /** Pushes an image with its tags; returns false when an immutable repository refuses a tag that exists. */
  push(digest: string, tags: readonly string[], now: Seconds): boolean {
    this.advanceTo(now);
    const taken = this.stored.filter((i) => i.tags.some((t) => tags.includes(t)));
    if (taken.length > 0 && this.cfg.tagMutability === 'IMMUTABLE') return false;
    for (const image of taken) image.tags = image.tags.filter((t) => !tags.includes(t));
    this.stored.push({ digest, tags: [...tags], pushedAt: now, scanStarted: this.cfg.scanOnPush });
    const max = this.cfg.maxImageCount;
    if (max !== undefined && this.stored.length > max && this.dueAt === undefined) this.dueAt = now + this.lifecycleDelaySeconds;
    return true;
  }

  /** Lets time pass to `now`, running the lifecycle rule when it is due. */
  advanceTo(now: Seconds): void {
    if (this.dueAt !== undefined && now >= this.dueAt) this.sweep(this.dueAt);
  }

  get images(): readonly StoredImage[] { return this.stored; }
  get lastLifecycleRunAt(): Seconds | undefined { return this.lastSweepAt; }

  private sweep(at: Seconds): void {
    const max = this.cfg.maxImageCount;
    this.dueAt = undefined;
    this.lastSweepAt = at;
    if (max === undefined) return;
    // imageCountMoreThan expires the oldest by push time until N remain.
    this.stored.sort((a, b) => a.pushedAt - b.pushedAt);
    while (this.stored.length > max) this.stored.shift();
  }
}
