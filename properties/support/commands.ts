import fc from 'fast-check';
import type { DeploymentConfig } from '../../infra/template/index.js';
import { World, type Task } from '../model/index.js';
import { ASSUMPTION_RANGES, type Assumptions } from '../model/assumptions.js';
import { commandConstraints } from '../settings.js';

/**
 * What a property watches while a sequence runs. `onSecond` sees every simulated second,
 * `afterCommand` the world after each command; both throw a `Violation` to fail the run.
 */
export interface Checker {
  onSecond?(world: World): void;
  afterCommand?(world: World, command: WorldCommand): void;
  /** Each request sent through the listener, with the task it reached (undefined: none routable). */
  onRequest?(world: World, task: Task | undefined): void;
  /** After the whole sequence. */
  atEnd?(world: World): void;
}

export class Violation extends Error {
  constructor(at: number, message: string) { super(`at t=${at}s: ${message}`); this.name = 'Violation'; }
}

/** The shared state of one run: the simulated world and counts of what the commands did. */
export interface Sim {
  readonly world: World;
  readonly checker: Checker;
  faults: number;
  deployments: number;
}

/** A step of a generated event sequence; `toString` is what a counterexample prints. */
export abstract class WorldCommand implements fc.Command<Sim, Sim> {
  /** True for commands that break something (crash, health failure, zone loss, Spot reclaim, bad release). */
  readonly isFault: boolean = false;
  check(_m: Readonly<Sim>): boolean { return true; }
  abstract apply(sim: Sim): void;
  run(_m: Sim, sim: Sim): void {
    this.apply(sim);
    if (this.isFault) sim.faults++;
    sim.checker.afterCommand?.(sim.world, this);
  }
  abstract toString(): string;
}

/** The k-th element modulo the size (indices stay valid while fast-check shrinks). */
function pick<T>(items: readonly T[], k: number): T | undefined {
  return items.length === 0 ? undefined : items[k % items.length];
}
const byId = (tasks: Task[]) => tasks.sort((a, b) => a.id - b.id);

export class PassTime extends WorldCommand {
  constructor(readonly seconds: number) { super(); }
  apply(sim: Sim): void { sim.world.advance(this.seconds); }
  toString(): string { return `wait ${this.seconds}s`; }
}

export class CrashTask extends WorldCommand {
  override readonly isFault = true;
  constructor(readonly k: number) { super(); }
  apply(sim: Sim): void { const t = pick(byId(sim.world.runningTasks), this.k); if (t) sim.world.crashTask(t.id); }
  toString(): string { return `crash running task [${this.k} mod n]`; }
}

export class FailHealthChecks extends WorldCommand {
  override readonly isFault = true;
  constructor(readonly k: number) { super(); }
  apply(sim: Sim): void { const t = pick(byId(sim.world.runningTasks), this.k); if (t) sim.world.breakApp(t.id); }
  toString(): string { return `app of running task [${this.k} mod n] stops answering health checks`; }
}

/**
 * A task crashes and the replacement ECS launches for it hangs from the start: a hang inside the
 * container's start period and the service's grace period, which is when what ECS sees is most
 * delayed. Lets the scheduler react (a few simulated seconds) so that the replacement exists.
 */
export class CrashThenReplacementHangs extends WorldCommand {
  override readonly isFault = true;
  constructor(readonly k: number) { super(); }
  apply(sim: Sim): void {
    const t = pick(byId(sim.world.runningTasks), this.k);
    if (!t) return;
    sim.world.crashTask(t.id);
    sim.world.advance(sim.world.assumptions.schedulerReactionSeconds);
    const replacement = byId(sim.world.service.liveTasks).at(-1);
    if (replacement && replacement.id > t.id) sim.world.breakApp(replacement.id);
  }
  toString(): string { return `crash running task [${this.k} mod n]; its replacement never answers health checks`; }
}

export class LoseZone extends WorldCommand {
  override readonly isFault = true;
  constructor(readonly az: number) { super(); }
  apply(sim: Sim): void { sim.world.loseAz(this.az % sim.world.azAvailable.length); }
  toString(): string { return `availability zone [${this.az} mod zones] goes down`; }
}

export class RestoreZone extends WorldCommand {
  constructor(readonly az: number) { super(); }
  apply(sim: Sim): void { sim.world.restoreAz(this.az % sim.world.azAvailable.length); }
  toString(): string { return `availability zone [${this.az} mod zones] comes back`; }
}

export class InterruptSpot extends WorldCommand {
  override readonly isFault = true;
  constructor(readonly k: number) { super(); }
  apply(sim: Sim): void {
    const t = pick(byId(sim.world.runningTasks.filter((x) => x.provider === 'FARGATE_SPOT' && x.state === 'RUNNING')), this.k);
    if (t) sim.world.interruptSpot(t.id);
  }
  toString(): string { return `Fargate Spot reclaims Spot task [${this.k} mod n] (two-minute warning)`; }
}

/** Fargate Spot refuses or again accepts launches (ECS retries a refused Spot task; it never falls back to FARGATE). */
export class SetSpotCapacity extends WorldCommand {
  constructor(readonly available: boolean) { super(); }
  apply(sim: Sim): void { sim.world.setSpotCapacity(this.available); }
  toString(): string { return this.available ? 'Fargate Spot has capacity again' : 'Fargate Spot has no capacity (Spot launches refused)'; }
}

export class SetCpuDemand extends WorldCommand {
  constructor(readonly demand: number) { super(); }
  apply(sim: Sim): void { sim.world.cpuDemand = this.demand; }
  toString(): string { return `CPU demand becomes ${this.demand}% of one task`; }
}

export class Deploy extends WorldCommand {
  override readonly isFault: boolean;
  constructor(readonly works: boolean) { super(); this.isFault = !works; }
  apply(sim: Sim): void { sim.world.deploy(this.works); sim.deployments++; }
  toString(): string { return this.works ? 'deploy a working release' : 'deploy a broken release (never healthy)'; }
}

export class SendRequests extends WorldCommand {
  constructor(readonly count: number) { super(); }
  apply(sim: Sim): void { for (let i = 0; i < this.count; i++) sim.checker.onRequest?.(sim.world, sim.world.request()); }
  toString(): string { return `send ${this.count} requests`; }
}

/** Arbitraries for the commands, with the time scales the properties need. */
export const arb = {
  passTime: (max = 600) => fc.integer({ min: 1, max }).map((s) => new PassTime(s)),
  crash: () => fc.nat(20).map((k) => new CrashTask(k)),
  failHealth: () => fc.nat(20).map((k) => new FailHealthChecks(k)),
  crashThenReplacementHangs: () => fc.nat(20).map((k) => new CrashThenReplacementHangs(k)),
  loseZone: () => fc.nat(3).map((az) => new LoseZone(az)),
  restoreZone: () => fc.nat(3).map((az) => new RestoreZone(az)),
  spot: () => fc.nat(20).map((k) => new InterruptSpot(k)),
  cpu: (max = 1200) => fc.integer({ min: 0, max }).map((d) => new SetCpuDemand(d)),
  deploy: () => fc.boolean().map((works) => new Deploy(works)),
  requests: () => fc.integer({ min: 1, max: 20 }).map((n) => new SendRequests(n)),
  spotCapacity: () => fc.boolean().map((available) => new SetSpotCapacity(available)),
};

export interface SequenceOptions {
  readonly maxCommands?: number;
}

/**
 * A model-based property: a generated sequence of commands runs on a world configured from `config`,
 * started from steady state, with `makeChecker`'s invariants watched throughout.
 */
export function sequenceProperty(config: DeploymentConfig, commands: Array<fc.Arbitrary<WorldCommand>>, makeChecker: (config: DeploymentConfig) => Checker, options: SequenceOptions = {}) {
  return fc.property(assumptionsArb(), fc.commands(commands, commandConstraints(options.maxCommands)), (assumptions, cmds) => {
    const checker = makeChecker(config);
    let armed = false;
    const world = new World(config, { assumptions, observe: (w) => { if (armed) checker.onSecond?.(w); } });
    world.settle();
    const sim: Sim = { world, checker, faults: 0, deployments: 0 };
    armed = true;
    fc.modelRun(() => ({ model: sim, real: sim }), cmds);
    checker.atEnd?.(world);
  });
}

/** The model's own assumptions, drawn from their ranges (assumptions.ts) for each run. */
export function assumptionsArb(): fc.Arbitrary<Partial<Assumptions>> {
  const r = ASSUMPTION_RANGES;
  return fc.record({
    taskStartSeconds: fc.integer({ min: r.taskStartSeconds[0], max: r.taskStartSeconds[1] }),
    appReadySeconds: fc.integer({ min: r.appReadySeconds[0], max: r.appReadySeconds[1] }),
    schedulerReactionSeconds: fc.integer({ min: r.schedulerReactionSeconds[0], max: r.schedulerReactionSeconds[1] }),
    appShutdownSeconds: fc.integer({ min: r.appShutdownSeconds[0], max: r.appShutdownSeconds[1] }),
  });
}
