import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ExceptionEntry, Row } from './types.js';

/** The template's parts the collector reads: the stack's and each resource's Metadata. */
interface TemplateLike {
  readonly Metadata?: Record<string, unknown>;
  readonly Resources?: Record<string, { readonly Type?: string; readonly Metadata?: Record<string, unknown> }>;
}

/**
 * Every accepted exception, where it is written: cdk-nag suppressions (`Metadata.cdk_nag` of a resource, or
 * of the whole stack, which the report calls stack-wide), checkov skips (`Metadata.checkov.skip` of a
 * resource, `# checkov:skip=ID:reason` in the Dockerfile), cfn-lint's ignored checks (`Metadata.cfn-lint`)
 * and the waivers applied to criteria. What each tool itself reads, so the report's list is the tools' own.
 */
export function collectExceptions(template: TemplateLike, dockerfilePath: string | undefined, rows: readonly Row[]): ExceptionEntry[] {
  return [...templateExceptions(template), ...(dockerfilePath ? dockerfileExceptions(dockerfilePath) : []), ...waiverExceptions(rows)];
}

export function templateExceptions(template: TemplateLike): ExceptionEntry[] {
  const out: ExceptionEntry[] = [];
  const read = (metadata: Record<string, unknown> | undefined, resource: string, type: string | undefined) => {
    const nag = (metadata?.cdk_nag as { rules_to_suppress?: unknown } | undefined)?.rules_to_suppress;
    for (const s of Array.isArray(nag) ? nag : []) {
      const appliesTo = Array.isArray(s?.applies_to) ? s.applies_to.map((a: unknown) => typeof a === 'string' ? a : JSON.stringify(a)) : undefined;
      out.push({ tool: 'cdk-nag', id: String(s?.id ?? '?'), resource, ...(type ? { type } : {}), reason: text(s?.reason), ...(appliesTo ? { appliesTo } : {}) });
    }
    const skips = (metadata?.checkov as { skip?: unknown } | undefined)?.skip;
    for (const s of Array.isArray(skips) ? skips : []) {
      out.push({ tool: 'checkov', id: String(s?.id ?? '?'), resource, ...(type ? { type } : {}), reason: text(s?.comment) });
    }
    const ignored = ((metadata?.['cfn-lint'] as { config?: { ignore_checks?: unknown } } | undefined)?.config)?.ignore_checks;
    for (const id of Array.isArray(ignored) ? ignored : []) {
      out.push({ tool: 'cfn-lint', id: String(id), resource, ...(type ? { type } : {}), reason: '' });
    }
  };
  read(template.Metadata, STACK_WIDE, undefined);
  for (const [logicalId, r] of Object.entries(template.Resources ?? {})) read(r?.Metadata, logicalId, r?.Type);
  return out;
}

/** What a stack-level exception is listed under: it applies to every resource, present and future. */
export const STACK_WIDE = '(whole stack)';

/** checkov's skip comments in a Dockerfile: `# checkov:skip=CKV_DOCKER_7: reason` (the reason optional). */
export function dockerfileExceptions(path: string): ExceptionEntry[] {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const out: ExceptionEntry[] = [];
  for (const m of source.matchAll(/^\s*#\s*checkov:skip=([A-Za-z0-9_]+)(?::(.*))?$/gm)) {
    out.push({ tool: 'checkov', id: m[1], resource: basename(path), type: 'Dockerfile', reason: (m[2] ?? '').trim() });
  }
  return out;
}

/**
 * Every waiver of the waivers file on a criterion or property of this run, with what became of it: applied
 * (the row is WAIVED), expired (the row stays FAIL and the run fails), stale (the row passes: remove it) or
 * unused (the row was not verified).
 */
export function waiverExceptions(rows: readonly Row[]): ExceptionEntry[] {
  return rows.filter((r) => r.waiver).map((r) => ({
    tool: 'waiver' as const, id: r.id, resource: r.kind === 'criterion' ? `criterion ${r.id}` : `property ${r.id}`,
    reason: r.waiver!.reason, expires: r.waiver!.expires,
    state: r.waiver!.expired ? 'expired' as const : r.status === 'WAIVED' ? 'applied' as const : r.verdict === 'PASS' ? 'stale' as const : 'unused' as const,
  }));
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
