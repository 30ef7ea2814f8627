import { compareReports, type ComparedReport } from './compare.js';
import { describeSource } from './traceability.js';
import { ROW_STATUSES, type Changes, type CostScenario, type ExceptionEntry, type Figure, type NagFinding, type Report, type Row, type RowStatus, type StageSummary, type TestResult, type WaiverNote } from './types.js';

export interface ReportInputs {
  readonly version: string;
  readonly template: Report['template'];
  readonly stages: readonly StageSummary[];
  readonly rows: readonly Row[];
  readonly waivers: readonly WaiverNote[];
  readonly propertyTests: ReadonlyMap<string, readonly TestResult[]>;
  readonly cost: { readonly scenarios: readonly CostScenario[]; readonly note: string } | undefined;
  readonly nag: readonly NagFinding[];
  /** The accepted exceptions (exceptions.ts); none when not given. */
  readonly exceptions?: readonly ExceptionEntry[];
  /** Problems that make the run not clean although no row fails (a stale committed template). */
  readonly problems: readonly string[];
  readonly strict: boolean;
  /** The report given to --compare, and the path it was read from (as shown in the report). */
  readonly previous?: { readonly report: ComparedReport; readonly path: string };
  /** A row that went from PASS to anything else since the previous report fails the run. */
  readonly strictCompare?: boolean;
  readonly now: Date;
}

/**
 * The report every format renders. The exit code is decided here, once: 2 when the harness could not judge
 * (a stage or a check crashed: ERROR rows), else 1 when a row fails unwaived,
 * a waiver has expired, cdk-nag has an unsuppressed error, the committed template is stale, (with
 * --strict) a row is not verified, or (with --strict-compare) a row that passed in the previous report
 * does not any more. Without --strict-compare the comparison only informs: the exit code is unchanged.
 */
export function assembleReport(input: ReportInputs): Report {
  const counts = Object.fromEntries(ROW_STATUSES.map((s) => [s, 0])) as Record<RowStatus, number>;
  for (const r of input.rows) counts[r.status] += 1;
  const generatedAt = input.now.toISOString();
  const tool = { name: 'vibejudge-verify', version: input.version };
  const changes = input.previous ? compareReports(input.previous.report, { generatedAt, tool, template: input.template, cost: input.cost, rows: input.rows, exceptions: input.exceptions ?? [] }, input.previous.path) : undefined;
  const failures: string[] = [
    ...input.rows.filter((r) => r.status === 'FAIL').map((r) => `${r.id} FAIL: ${r.summary}`),
    ...input.waivers.filter((w) => w.kind === 'expired').map((w) => w.message),
    ...input.nag.filter((n) => n.level === 'error').map((n) => `cdk-nag error at ${n.path}: ${n.message.split('\n')[0]}`),
    ...input.problems,
    ...(input.strict ? input.rows.filter((r) => r.status === 'NOT VERIFIED').map((r) => `${r.id} NOT VERIFIED (--strict): ${r.summary}`) : []),
    ...(input.strictCompare && changes ? changes.rows.filter((c) => changes.regressions.includes(c.id)).map((c) => `${c.id} was PASS in the previous report, now ${c.to} (--strict-compare): ${c.summary}`) : []),
  ];
  const errors: string[] = [
    ...input.stages.filter((s) => s.status === 'error').map((s) => `stage ${s.name} crashed: ${s.note}`),
    ...input.rows.filter((r) => r.status === 'ERROR').map((r) => `${r.id} ERROR: ${r.summary}`),
  ];
  return {
    tool,
    generatedAt,
    template: input.template,
    stages: input.stages,
    rows: input.rows,
    counts,
    waivers: input.waivers,
    properties: [...input.propertyTests.entries()].sort(([a], [b]) => Number(a.slice(1)) - Number(b.slice(1))).map(([id, tests]) => ({ id, tests })),
    cost: input.cost,
    figures: collectFigures(input.rows),
    nag: input.nag,
    exceptions: input.exceptions ?? [],
    failures,
    errors,
    ...(changes ? { changes } : {}),
    exitCode: errors.length > 0 ? 2 : failures.length > 0 ? 1 : 0,
  };
}

/**
 * The measured figures (image size, latencies, monthly cost ...) as the sources reported them. One
 * measurement often speaks for several ids (the image size for R1.2 and P15): it is listed once with all.
 */
function collectFigures(rows: readonly Row[]): Figure[] {
  const byKey = new Map<string, { ids: string[]; name: string; value: number; source: string }>();
  for (const row of rows) {
    for (const s of row.sources) {
      for (const [name, value] of Object.entries(s.figures ?? {})) {
        const key = `${s.source.kind}:${name}:${value}`;
        const entry = byKey.get(key) ?? { ids: [], name, value, source: describeSource(s.source).replace(` ${s.source.id}`, '') };
        if (!entry.ids.includes(s.source.id)) entry.ids.push(s.source.id);
        byKey.set(key, entry);
      }
    }
  }
  return [...byKey.values()].map((f) => ({ id: f.ids.join(', '), name: f.name, value: f.value, source: f.source }));
}

/** What changed since the report given to --compare, in one line for the terminal. */
export function changesLine(c: Changes): string {
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const moved = c.waivers.added.length + c.waivers.removed.length + c.waivers.changed.length + (c.exceptions ? c.exceptions.added.length + c.exceptions.removed.length + c.exceptions.changed.length : 0);
  const cost = c.cost.filter((s) => s.delta !== 0).length;
  return `since ${c.previous.path} (${c.previous.generatedAt}): ${plural(c.rows.length, 'row', 'rows')} changed status` +
    `${c.regressions.length > 0 ? ` (${c.regressions.length} no longer PASS: ${c.regressions.join(', ')})` : ''}, ` +
    `${plural(moved, 'waiver or exception', 'waivers and exceptions')} added, removed or changed, ${plural(cost, 'cost scenario', 'cost scenarios')} changed`;
}

/** The one-line verdict printed at the end and shown at the top of each format. */
export function verdictLine(report: Report): string {
  const c = report.counts;
  const tally = `${c.PASS} PASS, ${c.FAIL} FAIL, ${c.WAIVED} WAIVED, ${c['NOT VERIFIED']} NOT VERIFIED${c.ERROR > 0 ? `, ${c.ERROR} ERROR` : ''}`;
  if (report.exitCode === 2) return `ERROR (the harness could not judge everything: ${report.errors.length} error${report.errors.length === 1 ? '' : 's'}): ${tally}`;
  if (report.exitCode !== 0) return `FAIL (${report.failures.length} problem${report.failures.length === 1 ? '' : 's'}): ${tally}`;
  // Exit 0 does not hide what was not shown: the count of NOT VERIFIED rows stays in the line.
  return `no unwaived failure: ${tally}`;
}
