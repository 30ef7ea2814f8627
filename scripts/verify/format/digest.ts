import { formatNumber } from '../rows.js';
import { REQUIREMENTS } from '../spec-ids.js';
import { describeSource, requiredSources } from '../traceability.js';
import { ROW_STATUSES, type Report, type Row, type RowStatus, type Source, type SourceResult, type StageName, type StageSummary } from '../types.js';

/**
 * What the readable formats (HTML, Markdown) say in a glance rather than in full: the row's one decisive
 * piece of evidence, a stage's reason said once at the stage, the rows grouped by requirement. The JSON
 * keeps everything; these only choose what is shown first.
 */

/** The stage whose run produces each kind of source. */
export const STAGE_OF_SOURCE: Readonly<Record<Source['kind'], StageName>> = {
  rule: 'rules', property: 'properties', cost: 'cost', container: 'containers', probe: 'probes', deploy: 'deploy-evidence',
};

/** A sign for each status, so that no reader (nor a black-and-white print) depends on colour. */
export const STATUS_SIGN: Readonly<Record<RowStatus, string>> = { PASS: '✓', FAIL: '✗', WAIVED: 'W', 'NOT VERIFIED': '?', ERROR: '!' };

/** Status as a CSS class and a fragment of an id (no space). */
export const statusKey = (s: RowStatus): string => s.replace(' ', '-');

/**
 * The stage a source's reason belongs to. A stage that did not run (or crashed) gives every source of
 * its kind the same reason (findings.ts), so it is said once, at the stage, and the row points there.
 */
export function stageOfReason(s: SourceResult, stages: readonly StageSummary[]): StageSummary | undefined {
  if (s.status === 'pass' || s.status === 'fail') return undefined;
  const stage = stages.find((x) => x.name === STAGE_OF_SOURCE[s.source.kind]);
  return stage && stage.status !== 'ran' ? stage : undefined;
}

export interface Decisive {
  /** The source that decides the row; none for a waived row, which the waiver decides. */
  readonly source?: SourceResult;
  /** What it says, in one line (the whole is in the folded part). */
  readonly text: string;
  /** The reason is this stage's: the text names the source only and the stage says why. */
  readonly stage?: StageSummary;
  /** How many more checks the source reported than the one shown. */
  readonly more: number;
}

/** Beyond this many characters a line is cut at a word: a glance, not the record. */
const MAX_LINE = 280;

/**
 * The one piece of evidence that decides a row: the first failing source of a FAIL, the first crashed
 * source of an ERROR, the first required source that could not show a NOT VERIFIED row, the waiver of a
 * WAIVED one, and for a PASS the first required source (the traceability map lists the primary first).
 */
export function decisiveEvidence(row: Row, stages: readonly StageSummary[]): Decisive {
  if (row.status === 'WAIVED' && row.waiver) {
    return { text: `waived until ${row.waiver.expires}: ${shorten(row.waiver.reason)}`, more: 0 };
  }
  const required = requiredSources(row.sources.map((s) => s.source));
  const isRequired = (s: SourceResult) => required.includes(s.source);
  const pick = row.status === 'FAIL' || row.status === 'WAIVED' ? row.sources.find((s) => s.status === 'fail')
    : row.status === 'ERROR' ? row.sources.find((s) => s.status === 'error')
      : row.status === 'NOT VERIFIED' ? row.sources.find((s) => isRequired(s) && s.status !== 'pass')
        : row.sources.find((s) => isRequired(s) && s.status === 'pass');
  if (!pick) return { text: row.summary, more: 0 };
  const stage = stageOfReason(pick, stages);
  if (stage) return { source: pick, stage, text: `${describeSource(pick.source)}: the ${stage.name} stage did not run`, more: 0 };
  const { text, more } = leadClause(sourceText(pick), pick.status);
  return { source: pick, text: `${describeSource(pick.source)}: ${shorten(text)}`, more };
}

/** Why a row that changed status has the status it has now (the comparison keeps only its summary). */
export function nowBecause(id: string, summary: string, report: Pick<Report, 'rows' | 'stages'>): string {
  const row = report.rows.find((r) => r.id === id);
  return row ? decisiveEvidence(row, report.stages).text : shorten(summary, 200);
}

/**
 * A line of `report.failures`, short: one about a row (a FAIL, or a NOT VERIFIED with --strict, or a
 * regression with --strict-compare) ends with the row's whole summary, which is replaced by what decides
 * the row, so that a stage's reason is not repeated row after row; any other line is only shortened.
 */
export function failureLine(line: string, report: Pick<Report, 'rows' | 'stages'>): { readonly id?: string; readonly text: string } {
  const row = report.rows.find((r) => line.startsWith(`${r.id} `) && line.endsWith(`: ${r.summary}`));
  if (!row) return { text: shorten(line, 400) };
  return { id: row.id, text: `${line.slice(0, line.length - row.summary.length)}${decisiveEvidence(row, report.stages).text}` };
}

/** What a source said, whole: its evidence (pass) or reason, where, and its figures. */
export function sourceText(s: SourceResult): string {
  const said = s.status === 'pass' ? s.evidence ?? 'passed' : s.reason ?? s.status;
  const figures = s.figures ? Object.entries(s.figures).map(([k, v]) => `${k} = ${formatNumber(v)}`) : [];
  return `${said}${s.resource ? ` (at ${s.resource})` : ''}${figures.length > 0 ? ` [${figures.join(', ')}]` : ''}`;
}

/**
 * A property test reports each of its checks as `ok: ...` or `FAILED: ...`, joined: the lead is the
 * check on the template under test (or the first failure); the mutants and witnesses are the rest.
 */
function leadClause(text: string, status: SourceResult['status']): { text: string; more: number } {
  const clauses = text.split(/; (?=(?:ok|FAILED): )/);
  if (clauses.length === 1) return { text, more: 0 };
  const lead = status === 'fail' ? clauses.find((c) => c.startsWith('FAILED: '))
    : clauses.find((c) => /holds on the template under test/.test(c));
  return { text: (lead ?? clauses[0]).replace(/^ok: /, ''), more: clauses.length - 1 };
}

export function shorten(text: string, max = MAX_LINE): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(' ') > max * 0.6 ? cut.lastIndexOf(' ') : max)} …`;
}

/** The stages that did not run and hold this row back (a source it needs is theirs). */
export function stagesHolding(row: Row, stages: readonly StageSummary[]): StageSummary[] {
  if (row.status !== 'NOT VERIFIED' && row.status !== 'ERROR') return [];
  const required = requiredSources(row.sources.map((s) => s.source));
  return [...new Set(row.sources.filter((s) => required.includes(s.source)).flatMap((s) => stageOfReason(s, stages) ?? []))];
}

/**
 * A row's reason for the Markdown rows, where nothing folds: every failing source of a FAIL (each by its
 * lead, the rest is in report.json and the HTML page), or every source a NOT VERIFIED or ERROR row
 * waits for, a stage's reason named rather than repeated.
 */
export function rowReason(row: Row, stages: readonly StageSummary[]): string {
  if (row.status === 'FAIL') {
    return row.sources.filter((s) => s.status === 'fail').map((s) => `${describeSource(s.source)}: ${shorten(leadClause(sourceText(s), s.status).text)}`).join('; ') || row.summary;
  }
  if (row.status !== 'NOT VERIFIED' && row.status !== 'ERROR') return row.summary;
  const parts = row.sources.filter((s) => (row.status === 'ERROR' ? s.status === 'error' : s.status !== 'pass' && requiredSources(row.sources.map((x) => x.source)).includes(s.source))).map((s) => {
    const stage = stageOfReason(s, stages);
    return stage ? `${describeSource(s.source)} (the ${stage.name} stage did not run)` : `${describeSource(s.source)}: ${s.reason ?? s.status}`;
  });
  if (parts.length === 0) return row.summary;
  return row.status === 'ERROR' ? parts.join('; ') : `needs ${parts.join('; ')}`;
}

/** One group of the summary grid: a requirement's criteria, or the properties. */
export interface Group { readonly key: string; readonly label: string; readonly title: string; readonly rows: readonly Row[]; readonly counts: Readonly<Record<RowStatus, number>> }

export function groups(report: Pick<Report, 'rows'>): Group[] {
  const of = (key: string, label: string, title: string, rows: readonly Row[]): Group => {
    const counts = Object.fromEntries(ROW_STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length])) as Record<RowStatus, number>;
    return { key, label, title, rows, counts };
  };
  return [
    ...REQUIREMENTS.map((req) => of(`req-${req.number}`, `R${req.number}`, req.title, report.rows.filter((r) => r.kind === 'criterion' && r.requirement === req.number))),
    of('properties', 'P', 'Correctness properties', report.rows.filter((r) => r.kind === 'property')),
  ];
}
