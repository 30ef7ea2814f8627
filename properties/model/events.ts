import type { Seconds } from './clock.js';

/** Why ECS stopped a task. */
export type StopReason = 'crashed' | 'unhealthy' | 'spot-interruption' | 'scale-in' | 'deployment' | 'rebalance' | 'az-lost';

/**
 * What happened inside the simulated world, in time order. Properties read this log instead of the
 * model's internals, so a property states what an operator could observe (service events, target
 * health changes, scaling activities, alarm history).
 */
export type WorldEvent =
  | { at: Seconds; kind: 'task-launched'; taskId: number; revision: number; provider: string; az: number; cpuUnits: number; memoryMiB: number }
  | { at: Seconds; kind: 'task-running'; taskId: number }
  /** ECS could not launch a task: no capacity on the provider its strategy chose (logged once until a launch succeeds). */
  | { at: Seconds; kind: 'launch-refused'; provider: string; reason: string }
  | { at: Seconds; kind: 'task-stopping'; taskId: number; reason: StopReason }
  | { at: Seconds; kind: 'task-stopped'; taskId: number }
  | { at: Seconds; kind: 'failure-known'; taskId: number; reason: StopReason }
  | { at: Seconds; kind: 'health-check'; taskId: number; ok: boolean }
  | { at: Seconds; kind: 'target-state'; taskId: number; from: string; to: string }
  | { at: Seconds; kind: 'spot-warning'; taskId: number }
  | { at: Seconds; kind: 'scaling'; direction: 'out' | 'in'; from: number; to: number }
  | { at: Seconds; kind: 'deployment-started'; deploymentId: number; revision: number; rollback: boolean }
  | { at: Seconds; kind: 'deployment-completed'; deploymentId: number; revision: number }
  | { at: Seconds; kind: 'deployment-failed'; deploymentId: number; revision: number; failedTasks: number }
  | { at: Seconds; kind: 'alarm-state'; alarmId: string; from: string; to: string }
  | { at: Seconds; kind: 'notification'; alarmId: string; chain?: string }
  /** The alarm ran its SNS action but nobody is notified: `link` of the path stops it (see notifications.ts). */
  | { at: Seconds; kind: 'notification-undelivered'; alarmId: string; link: string; reason: string };

export type WorldEventKind = WorldEvent['kind'];
export type EventOf<K extends WorldEventKind> = Extract<WorldEvent, { kind: K }>;

/** An append-only event log. */
export class EventLog {
  private readonly items: WorldEvent[] = [];
  /** Events that change what the scheduler or an observer acts on: all but the health checks' own records. */
  changes = 0;
  add(event: WorldEvent): void { this.items.push(event); if (event.kind !== 'health-check') this.changes++; }
  get all(): readonly WorldEvent[] { return this.items; }
  get size(): number { return this.items.length; }
  /** Events of one kind, optionally only those logged after position `from`. */
  ofKind<K extends WorldEventKind>(kind: K, from = 0): EventOf<K>[] {
    const out: EventOf<K>[] = [];
    for (let i = from; i < this.items.length; i++) if (this.items[i].kind === kind) out.push(this.items[i] as EventOf<K>);
    return out;
  }
}
