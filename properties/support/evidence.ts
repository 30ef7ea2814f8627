import type { RunDetails } from 'fast-check';
import { recordEvidence, type EvidenceItem, type EvidenceStatus } from '../../infra/evidence.js';

interface Outcome { readonly test: string; readonly ok: boolean; readonly detail: string; readonly runs?: number; readonly kind?: Exclude<EvidenceStatus, 'pass'> }

/**
 * Collects what one property file really proved and writes it as that property's evidence file
 * (`property-p03.json`: one file per property, because test files run in parallel workers).
 * Status: pass only when the property held on the template under test and every mutant was rejected;
 * fail when any of them went the other way; not-verified when nothing ran.
 */
export class PropertyEvidence {
  private readonly outcomes: Outcome[] = [];
  private readonly figures: Record<string, number> = {};
  private readonly notes: string[] = [];
  /** Set when the verdict is a template read: what decides it. */
  private staticRead: string | undefined;
  /** Set when one part of the property is a template read and the rest is simulated. */
  private readonly staticParts: string[] = [];

  constructor(readonly id: string, readonly validates: readonly string[], private readonly deviation?: string) {}

  /**
   * The property is a template read: its verdict follows from the named template values alone, and any
   * sequence run in the model only restates that read. The evidence says "static" and `simulated: 0`, so
   * the report can tell it from the properties the simulation exercises.
   */
  markStatic(what: string): this { this.staticRead = what; return this; }

  /** One part of the property is a template read (named), the rest is simulated. */
  markStaticPart(what: string): this { this.staticParts.push(what); return this; }

  /** The property on the template under test. */
  held(test: string, details: RunDetails<any>, kind: EvidenceStatus = details.failed ? 'fail' : 'pass'): void {
    this.outcomes.push({
      test, ok: !details.failed, runs: details.numRuns, kind: kind === 'pass' ? undefined : kind,
      detail: details.failed ? `failed after ${details.numRuns} runs (seed ${details.seed}, path ${details.counterexamplePath})` : `held in ${details.numRuns} runs (seed ${details.seed})`,
    });
  }

  /** A mutant that the property must reject. */
  rejected(test: string, details: RunDetails<any>): void {
    this.outcomes.push({ test, ok: details.failed, detail: details.failed ? `mutant rejected after ${details.numRuns} runs` : `mutant SURVIVED ${details.numRuns} runs` });
  }

  /** A static fact checked on the template or Dockerfile. */
  fact(test: string, ok: boolean, detail: string): void { this.outcomes.push({ test, ok, detail }); }

  /** A static check run on a mutant: `rejected` is true when the check refused it, as it must. */
  rejectedFact(test: string, rejected: boolean, detail: string): void {
    this.outcomes.push({ test, ok: rejected, detail: `${rejected ? 'mutant rejected' : 'mutant SURVIVED'}: ${detail}` });
  }

  /** A fact the template under test cannot tell (NOT VERIFIED, naming the unknown). */
  unknown(test: string, why: string): void { this.outcomes.push({ test, ok: false, kind: 'not-verified', detail: `not known: ${why}` }); }

  figure(name: string, value: number): void { this.figures[name] = value; }
  note(text: string): void { this.notes.push(text); }

  write(statusOverride?: { status: 'not-verified'; reason: string }): string {
    const runs = this.outcomes.reduce((n, o) => n + (o.runs ?? 0), 0);
    const mutants = this.outcomes.filter((o) => o.detail.startsWith('mutant'));
    const failed = this.outcomes.filter((o) => !o.ok);
    // A crash of the harness outranks everything (its verdict means nothing); a real violation outranks an unknown.
    const worst = (['error', 'fail', 'not-verified'] as const).find((k) => failed.some((o) => (o.kind ?? 'fail') === k));
    const status: EvidenceItem['status'] = this.outcomes.length === 0 ? 'not-verified' : worst ?? statusOverride?.status ?? 'pass';
    const kindNote = this.staticRead !== undefined ? [`static (template read, not exercised by simulation): ${this.staticRead}`]
      : this.staticParts.length > 0 ? [`simulated, except a static part (template read): ${this.staticParts.join('; ')}`] : [`simulated: ${runs} runs of the model`];
    const item: EvidenceItem = {
      id: this.id, status,
      evidence: [...kindNote, ...this.outcomes.map((o) => `${o.ok ? 'ok' : 'FAILED'}: ${o.test}: ${o.detail}`), ...this.notes].join('; '),
      figures: { runs, simulated: this.staticRead !== undefined ? 0 : runs, static: this.staticRead !== undefined ? 1 : 0, mutants: mutants.length, mutantsRejected: mutants.filter((m) => m.ok).length, ...this.figures },
      reason: [statusOverride?.reason, this.deviation ? `deviation: ${this.deviation}` : undefined, `validates ${this.validates.join(', ')}`].filter(Boolean).join('. '),
    };
    return recordEvidence(`property-${this.id.toLowerCase().replace(/^p(\d)$/, 'p0$1')}`, [item]);
  }
}
