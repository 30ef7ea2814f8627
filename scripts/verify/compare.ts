import { readInputText } from '../../infra/cli/values.js';
import { HarnessError } from './errors.js';
import { ROW_STATUSES, type Changes, type CostScenario, type ExceptionEntry, type Report, type RowStatus, type WaiverTerms } from './types.js';

/**
 * The parts of a report the comparison reads. A previous report may come from an older version of the
 * harness (a CI artifact kept for months), so only these are required of it, and each is checked.
 */
export type ComparedReport = Pick<Report, 'generatedAt' | 'tool' | 'template' | 'cost'> & {
  readonly rows: ReadonlyArray<Pick<Report['rows'][number], 'id' | 'status' | 'summary' | 'waiver'>>;
  /** Absent from the reports of a harness older than the Exceptions section. */
  readonly exceptions?: readonly ExceptionEntry[];
};

/** Reads the report given to --compare; one that cannot be read or is not a report stops the run (exit 2). */
export function loadPreviousReport(path: string): ComparedReport {
  // A report.json is at most a few hundred kilobytes; the bound keeps /dev/zero or a wrong file from being read forever.
  const text = readInputText('--compare', path, 64 * 1024 * 1024, (m) => new HarnessError(m));
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new HarnessError(`--compare ${path} is not JSON: ${(e as Error).message.split('\n')[0]}`);
  }
  const r = doc as Partial<ComparedReport> | null;
  const statuses = new Set<string>(ROW_STATUSES);
  const rowsOk = Array.isArray(r?.rows) && r.rows.every((x) => typeof x?.id === 'string' && statuses.has(x.status));
  if (!r || typeof r !== 'object' || !rowsOk || typeof r.generatedAt !== 'string') {
    throw new HarnessError(`--compare ${path} is not a report.json of npm run verify (no rows with an id and a status)`);
  }
  return {
    generatedAt: r.generatedAt,
    tool: r.tool ?? { name: 'unknown', version: 'unknown' },
    template: r.template ?? { path: 'unknown', title: 'unknown', origin: 'file', sha256: '', resources: 0 },
    cost: r.cost,
    rows: r.rows!,
    exceptions: Array.isArray(r.exceptions) ? r.exceptions : undefined,
  };
}

/** Amounts are dollars a month: a change below half a cent is rounding, not a change. */
const CENT = 0.005;

/**
 * What changed between two reports: rows whose status changed, waivers added, removed or changed, and
 * the monthly cost of every scenario with the lines that moved. `regressions` are the rows that passed
 * before and do not now (a row that is absent now is a change of the specification, not a regression).
 */
export function compareReports(previous: ComparedReport, current: ComparedReport, previousPath: string): Changes {
  const before = new Map(previous.rows.map((r) => [r.id, r]));
  const after = new Map(current.rows.map((r) => [r.id, r]));
  const ids = [...current.rows.map((r) => r.id), ...previous.rows.map((r) => r.id).filter((id) => !after.has(id))];
  const rows = ids.flatMap((id) => {
    const from: RowStatus | 'absent' = before.get(id)?.status ?? 'absent';
    const to: RowStatus | 'absent' = after.get(id)?.status ?? 'absent';
    return from === to ? [] : [{ id, from, to, summary: after.get(id)?.summary ?? before.get(id)?.summary ?? '' }];
  });
  return {
    previous: { path: previousPath, generatedAt: previous.generatedAt, version: previous.tool.version, templateSha256: previous.template.sha256, templatePath: previous.template.path },
    templateChanged: previous.template.sha256 !== current.template.sha256,
    rows,
    waivers: compareWaivers(waiversOf(previous), waiversOf(current)),
    exceptions: previous.exceptions ? compareExceptions(previous.exceptions, current.exceptions ?? []) : undefined,
    cost: compareCost(previous.cost?.scenarios ?? [], current.cost?.scenarios ?? []),
    regressions: rows.filter((r) => r.from === 'PASS' && r.to !== 'absent').map((r) => r.id),
  };
}

/** The waivers a report applied, read from its rows (every waiver in the file is attached to its row). */
function waiversOf(report: ComparedReport): WaiverTerms[] {
  return report.rows.flatMap((r) => (r.waiver ? [{ id: r.id, reason: r.waiver.reason, expires: r.waiver.expires }] : []));
}

function compareWaivers(before: readonly WaiverTerms[], after: readonly WaiverTerms[]): Changes['waivers'] {
  const old = new Map(before.map((w) => [w.id, w]));
  const now = new Map(after.map((w) => [w.id, w]));
  return {
    added: after.filter((w) => !old.has(w.id)),
    removed: before.filter((w) => !now.has(w.id)),
    changed: after.flatMap((w) => {
      const was = old.get(w.id);
      return was && (was.reason !== w.reason || was.expires !== w.expires) ? [{ id: w.id, from: was, to: w }] : [];
    }),
  };
}

/**
 * An exception is the same one when it is written by the same tool, for the same check, on the same
 * resource and findings; its reason may change. Waivers are compared as waivers (with their expiry).
 */
function compareExceptions(before: readonly ExceptionEntry[], after: readonly ExceptionEntry[]): NonNullable<Changes['exceptions']> {
  const key = (e: ExceptionEntry) => [e.tool, e.id, e.resource, ...(e.appliesTo ?? [])].join('\u0000');
  const old = new Map(before.filter((e) => e.tool !== 'waiver').map((e) => [key(e), e]));
  const now = new Map(after.filter((e) => e.tool !== 'waiver').map((e) => [key(e), e]));
  return {
    added: [...now].filter(([k]) => !old.has(k)).map(([, e]) => e),
    removed: [...old].filter(([k]) => !now.has(k)).map(([, e]) => e),
    changed: [...now].flatMap(([k, e]) => (old.has(k) && old.get(k)!.reason !== e.reason ? [{ from: old.get(k)!, to: e }] : [])),
  };
}

function compareCost(before: readonly CostScenario[], after: readonly CostScenario[]): Changes['cost'] {
  const names = [...new Set([...after.map((s) => s.name), ...before.map((s) => s.name)])];
  return names.map((name) => {
    const was = before.find((s) => s.name === name);
    const now = after.find((s) => s.name === name);
    const labels = [...new Set([...(now?.lines ?? []).map((l) => l.label), ...(was?.lines ?? []).map((l) => l.label)])];
    const lines = labels.flatMap((label) => {
      const from = was?.lines.find((l) => l.label === label)?.amount;
      const to = now?.lines.find((l) => l.label === label)?.amount;
      const delta = round((to ?? 0) - (from ?? 0));
      return Math.abs(delta) >= CENT || (from === undefined) !== (to === undefined) ? [{ label, from, to, delta }] : [];
    });
    return { scenario: name, from: was?.total, to: now?.total, delta: round((now?.total ?? 0) - (was?.total ?? 0)), lines };
  });
}

const round = (v: number): number => Math.round(v * 100) / 100;
