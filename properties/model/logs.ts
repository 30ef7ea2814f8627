import { LOG_DELETION_MAX_LAG_SECONDS } from './aws-facts.js';
import { DAY, type Seconds } from './clock.js';

export interface LogEvent { readonly at: Seconds; readonly message: string }

/**
 * A CloudWatch Logs group with a retention period (undefined: never expire). Events past the retention
 * are deleted `deletionLagSeconds` later, a test input within AWS's documented lag
 * `LOG_DELETION_MAX_LAG_SECONDS`.
 */
export class LogGroup {
  private events: LogEvent[] = [];
  private now: Seconds = 0;

  constructor(readonly retentionDays: number | undefined, readonly deletionLagSeconds: Seconds = LOG_DELETION_MAX_LAG_SECONDS) {
    if (deletionLagSeconds < 0 || deletionLagSeconds > LOG_DELETION_MAX_LAG_SECONDS) throw new RangeError('deletion lag outside what AWS documents');
  }

  put(message: string, at: Seconds): void {
    this.advanceTo(at);
    this.events.push({ at, message });
  }

  advanceTo(now: Seconds): void {
    this.now = Math.max(this.now, now);
    if (this.retentionDays === undefined) return;
    const deleteBefore = this.now - this.retentionDays * DAY - this.deletionLagSeconds;
    this.events = this.events.filter((e) => e.at > deleteBefore);
  }

  get stored(): readonly LogEvent[] { return this.events; }
}
