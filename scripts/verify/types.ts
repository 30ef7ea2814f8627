/**
 * The shapes the report is made of. Stages produce findings, the traceability map turns findings into
 * rows, waivers adjust rows, and each output format renders the same `Report`.
 */

import type { EvidenceItem, EvidenceStatus } from '../../infra/evidence.js';

/**
 * Where the evidence for a criterion or property can come from. A source that `confirms` does not hold a
 * row back when it shows nothing (it defers to another source), but fails the row when it fails.
 */
export type Source = SourceRef & { readonly confirms?: boolean };

type SourceRef =
  /** A static rule over the template or Dockerfile (infra/rules), by its id. */
  | { readonly kind: 'rule'; readonly id: string }
  /** A property test of the properties suite (properties/pNN-*.test.ts), by property id. */
  | { readonly kind: 'property'; readonly id: string }
  /** A verdict of the cost model (cost/), by criterion or property id. */
  | { readonly kind: 'cost'; readonly id: string }
  /** The container tests (integration/container), by the id their evidence or test names carry. */
  | { readonly kind: 'container'; readonly id: string }
  /** A live probe (integration/probes), by the id it reports; only with `--stack`. */
  | { readonly kind: 'probe'; readonly id: string }
  /** The deployment script's tests (scripts/deploy), read from their recorded evidence. */
  | { readonly kind: 'deploy'; readonly id: string };

/** What a source said: see EvidenceStatus (`error` is the harness's own failure, never a verdict). */
export type SourceStatus = EvidenceStatus;

/** What one source said about one id in this run. */
export interface SourceResult {
  readonly source: Source;
  readonly status: SourceStatus;
  /** Which rule, test or probe, and what it saw (for pass), or what was seen (for fail). */
  readonly evidence?: string;
  /** Why it failed or could not be shown. */
  readonly reason?: string;
  readonly figures?: Record<string, number>;
  /** The template resource a failure is located at (logical id). */
  readonly resource?: string;
  /** Counterexample or failure output of a test, shown verbatim in the report. */
  readonly details?: string;
}

/** ERROR: the harness could not judge the row (a check or stage crashed); it makes `verify` exit 2. */
export type RowStatus = 'PASS' | 'FAIL' | 'WAIVED' | 'NOT VERIFIED' | 'ERROR';

/** Every row status, in the order reports list them. */
export const ROW_STATUSES: readonly RowStatus[] = ['PASS', 'FAIL', 'WAIVED', 'NOT VERIFIED', 'ERROR'];

export interface AppliedWaiver { readonly reason: string; readonly expires: string; readonly expired: boolean }

export interface Row {
  readonly id: string;
  readonly kind: 'criterion' | 'property';
  /** Requirement number for criteria; 0 for properties. */
  readonly requirement: number;
  readonly text: string;
  status: RowStatus;
  /** The status before waivers were applied. */
  readonly verdict: Exclude<RowStatus, 'WAIVED'>;
  readonly sources: readonly SourceResult[];
  /** One line: what shows it (for PASS) or why not (FAIL / NOT VERIFIED). */
  readonly summary: string;
  /** The sources that could not show it, for NOT VERIFIED. */
  readonly missing: readonly string[];
  waiver?: AppliedWaiver;
}

/** A per-test result of a vitest-run suite. */
export interface TestResult {
  readonly file: string;
  readonly name: string;
  readonly status: 'passed' | 'failed' | 'skipped';
  readonly message?: string;
  readonly durationMs?: number;
}

/** An evidence item (the one contract, infra/evidence.ts) with the suite that produced it and when. */
export type EvidenceRecord = EvidenceItem & { readonly suite: string; readonly generatedAt: string };

export type StageName = 'synthesis' | 'lint' | 'rules' | 'properties' | 'cost' | 'containers' | 'probes' | 'deploy-evidence';

export interface StageSummary {
  readonly name: StageName;
  readonly status: 'ran' | 'not-run' | 'error';
  readonly seconds: number;
  /** One line: what ran and what it found, or why it could not run. */
  readonly note: string;
  /** Log of a child process, relative to the output directory, when there is one. */
  readonly log?: string;
  /** For a stage that did not run: the command that would run it (the report says it once, here). */
  readonly command?: string;
}

/** One line of the cost breakdown. */
export interface CostLine { readonly label: string; readonly amount: number; readonly detail?: string }
export interface CostScenario { readonly name: string; readonly total: number; readonly lines: readonly CostLine[] }

export interface Figure { readonly id: string; readonly name: string; readonly value: number; readonly source: string }

export interface NagFinding { readonly level: 'error' | 'warning'; readonly path: string; readonly message: string }

export interface WaiverNote { readonly id: string; readonly kind: 'applied' | 'stale' | 'expired' | 'unused'; readonly message: string }

/**
 * One accepted exception, where it is written (see exceptions.ts): a cdk-nag suppression or a checkov skip
 * on a resource (or stack-wide), a cfn-lint ignored check, or a waiver of a criterion.
 */
export interface ExceptionEntry {
  readonly tool: 'cdk-nag' | 'checkov' | 'cfn-lint' | 'waiver';
  /** The rule or check (AwsSolutions-IAM5, CKV_AWS_260) or, for a waiver, the criterion or property. */
  readonly id: string;
  /** The template's logical id, `(whole stack)`, the Dockerfile's name, or `criterion R12.1`. */
  readonly resource: string;
  /** The resource's type (AWS::EC2::SecurityGroup, Dockerfile), when it is one. */
  readonly type?: string;
  /** The reason written beside it; empty when none was written. */
  readonly reason: string;
  /** cdk-nag: the findings it covers on the resource (`Resource::*`); all of them when absent. */
  readonly appliesTo?: readonly string[];
  /** Waivers: good through this date, and what became of it in this run. */
  readonly expires?: string;
  readonly state?: 'applied' | 'expired' | 'stale' | 'unused';
}

/** A waiver as the comparison sees it: the criterion, why, and until when. */
export interface WaiverTerms { readonly id: string; readonly reason: string; readonly expires: string }

/** What changed since the report given to `--compare` (see compare.ts). */
export interface Changes {
  /** The report compared against, as given on the command line. */
  readonly previous: { readonly path: string; readonly generatedAt: string; readonly version: string; readonly templateSha256: string; readonly templatePath: string };
  readonly templateChanged: boolean;
  /** Every row whose status changed (`absent`: the id is not in that report). */
  readonly rows: ReadonlyArray<{ readonly id: string; readonly from: RowStatus | 'absent'; readonly to: RowStatus | 'absent'; readonly summary: string }>;
  readonly waivers: {
    readonly added: readonly WaiverTerms[];
    readonly removed: readonly WaiverTerms[];
    /** Same criterion, another reason or expiry date. */
    readonly changed: ReadonlyArray<{ readonly id: string; readonly from: WaiverTerms; readonly to: WaiverTerms }>;
  };
  /**
   * cdk-nag suppressions, checkov skips and cfn-lint ignores added, removed or given another reason (the
   * waivers are above); undefined when the previous report did not list its exceptions.
   */
  readonly exceptions: {
    readonly added: readonly ExceptionEntry[];
    readonly removed: readonly ExceptionEntry[];
    readonly changed: ReadonlyArray<{ readonly from: ExceptionEntry; readonly to: ExceptionEntry }>;
  } | undefined;
  /** Every scenario of either report with its monthly totals, and the lines whose amount changed. */
  readonly cost: ReadonlyArray<{
    readonly scenario: string;
    readonly from: number | undefined;
    readonly to: number | undefined;
    readonly delta: number;
    readonly lines: ReadonlyArray<{ readonly label: string; readonly from: number | undefined; readonly to: number | undefined; readonly delta: number }>;
  }>;
  /** Rows that were PASS and are not any more: failures of the run with --strict-compare. */
  readonly regressions: readonly string[];
}

export interface Report {
  readonly tool: { readonly name: string; readonly version: string };
  readonly generatedAt: string;
  /** The template under test; `title` is its own description (first line), or its file name. */
  readonly template: { readonly path: string; readonly title: string; readonly origin: 'synthesized' | 'file'; readonly sha256: string; readonly resources: number };
  readonly stages: readonly StageSummary[];
  readonly rows: readonly Row[];
  readonly counts: Readonly<Record<RowStatus, number>>;
  readonly waivers: readonly WaiverNote[];
  readonly properties: ReadonlyArray<{ readonly id: string; readonly tests: readonly TestResult[] }>;
  readonly cost: { readonly scenarios: readonly CostScenario[]; readonly note: string } | undefined;
  readonly figures: readonly Figure[];
  readonly nag: readonly NagFinding[];
  /** Every cdk-nag suppression, checkov skip, cfn-lint ignore and waiver, with its tool, resource and reason. */
  readonly exceptions: readonly ExceptionEntry[];
  /** Why the run is not clean, one line each (FAIL rows, expired waivers, cdk-nag errors). */
  readonly failures: readonly string[];
  /** The harness's own errors (a check or stage that crashed), one line each with the cause. */
  readonly errors: readonly string[];
  /** What changed since the previous report, with `--compare`. */
  readonly changes?: Changes;
  /** 0 clean, 1 something fails, 2 the harness could not do its job (an ERROR). */
  readonly exitCode: 0 | 1 | 2;
}
