import { CostInputError } from './errors.js';

/**
 * What a month of use looks like: everything the bill depends on that the template does not hold.
 * `tasks` is either a constant count or the 24 hourly counts of a typical day, repeated every day.
 */
export interface Usage {
  readonly tasks: number | readonly number[];
  /** Hours in the month (the snapshot's 730 unless a scenario says otherwise). */
  readonly hours: number;
  /** Average ALB capacity units over the month. */
  readonly lcu: number;
  /** Application log GB ingested into CloudWatch Logs in the month. */
  readonly logIngestGb: number;
  /** Compressed size of one image in ECR. */
  readonly imageSizeGb: number;
  /** Images pushed to the repository so far (the lifecycle rule caps how many are kept). */
  readonly imagesPushed: number;
  /** GB sent from AWS to the internet (responses to users through the ALB). */
  readonly egressGb: number;
  /** GB the tasks exchange with the internet themselves (API calls, image pulls): what a NAT gateway would process. */
  readonly taskOutboundGb: number;
  /** Alarm notifications sent by email in the month. */
  readonly alarmEmails: number;
  /** Months of logs held when the log group never expires. */
  readonly neverExpiringLogMonths: number;
}

/**
 * A quiet month of the dashboard: a handful of organizers, Streamlit's websocket traffic well inside one
 * LCU, modest logs, a ~300 MB compressed Python image rebuilt a few times a week.
 */
export const QUIET_MONTH: Omit<Usage, 'tasks' | 'hours'> = {
  lcu: 1, logIngestGb: 2, imageSizeGb: 0.3, imagesPushed: 20, egressGb: 20, taskOutboundGb: 5, alarmEmails: 100, neverExpiringLogMonths: 12,
};

/** A busy month at maximum capacity: 100 concurrent users (the requirement's load), more traffic and logs. */
export const BUSY_MONTH: Omit<Usage, 'tasks' | 'hours'> = {
  lcu: 2, logIngestGb: 5, imageSizeGb: 0.3, imagesPushed: 20, egressGb: 50, taskOutboundGb: 10, alarmEmails: 200, neverExpiringLogMonths: 12,
};

/**
 * The range of usage P11 quantifies over ("for any month"): bounds wide enough to cover quiet and busy
 * months of a 100-user dashboard, stated so a reader can see what "any month" was taken to mean.
 */
export const USAGE_BOUNDS: Record<Exclude<keyof Usage, 'tasks' | 'hours'>, readonly [number, number]> = {
  lcu: [0.5, 5],
  logIngestGb: [0.5, 10],
  imageSizeGb: [0.1, 1],
  imagesPushed: [1, 60],
  egressGb: [0, 100],
  taskOutboundGb: [0, 20],
  alarmEmails: [0, 1000],
  neverExpiringLogMonths: [1, 24],
};

/** Rejects usage that cannot be a month: negative amounts, a daily curve that is not 24 hours, fractional tasks. */
export function checkUsage(u: Usage): void {
  const curve = typeof u.tasks === 'number' ? [u.tasks] : u.tasks;
  if (typeof u.tasks !== 'number' && u.tasks.length !== 24) throw new CostInputError(`a daily task curve needs 24 hourly counts, got ${u.tasks.length}`);
  if (curve.some((n) => !Number.isInteger(n) || n < 0)) throw new CostInputError(`task counts must be whole numbers of at least 0, got ${curve.join(',')}`);
  if (!(u.hours > 0)) throw new CostInputError(`hours must be above 0, got ${u.hours}`);
  for (const key of Object.keys(USAGE_BOUNDS) as Array<keyof typeof USAGE_BOUNDS>) {
    const v = u[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new CostInputError(`usage ${key} must be a number of at least 0, got ${v}`);
  }
}
