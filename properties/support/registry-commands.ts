import fc from 'fast-check';
import { HOUR, Repository, type Seconds } from '../model/index.js';

/** One run over an ECR repository: the repository, the clock, and every push in order. */
export interface RegistrySim {
  readonly repo: Repository;
  now: Seconds;
  readonly pushes: Array<{ digest: string; at: Seconds }>;
  check(sim: RegistrySim): void;
}

export abstract class RegistryCommand implements fc.Command<RegistrySim, RegistrySim> {
  check(): boolean { return true; }
  abstract apply(sim: RegistrySim): void;
  run(_m: RegistrySim, sim: RegistrySim): void { this.apply(sim); sim.check(sim); }
  abstract toString(): string;
}

/** The deploy script pushes builds, each tagged with its commit SHA and "latest" (R2.3), a minute apart. */
export class PushImages extends RegistryCommand {
  constructor(readonly count: number) { super(); }
  apply(sim: RegistrySim): void {
    for (let i = 0; i < this.count; i++) {
      const n = sim.pushes.length + 1;
      const digest = `sha256:${n.toString(16).padStart(8, '0')}`;
      sim.repo.push(digest, [`commit-${n}`, 'latest'], sim.now);
      sim.pushes.push({ digest, at: sim.now });
      sim.now += 60;
      sim.repo.advanceTo(sim.now);
    }
  }
  toString(): string { return `push ${this.count} image(s) (commit SHA + latest)`; }
}

export class WaitFor extends RegistryCommand {
  constructor(readonly seconds: Seconds) { super(); }
  apply(sim: RegistrySim): void { sim.now += this.seconds; sim.repo.advanceTo(sim.now); }
  toString(): string { return `wait ${(this.seconds / HOUR).toFixed(1)}h`; }
}

export const registryCommands = [
  fc.integer({ min: 1, max: 8 }).map((n) => new PushImages(n)),
  fc.integer({ min: 60, max: 48 * HOUR }).map((s) => new WaitFor(s)),
];
