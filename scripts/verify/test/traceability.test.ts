import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../../infra/rules/index.js';
import { REPO_ROOT } from '../../../infra/template/index.js';
import { ALL_IDS, CRITERIA, PROPERTIES } from '../spec-ids.js';
import { requiredSources, TRACEABILITY } from '../traceability.js';

// The specification lives beside the repository, not in it; where it is present it is the authority.
const SPEC_PATH = join(REPO_ROOT, '..', 'shared', 'spec', 'requirements.md');

describe('traceability map', () => {
  it('the id list holds the 78 criteria R1.1..R12.7 (7,6,5,7,7,7,7,5,7,6,7,7 per requirement) and the 20 properties P1..P20', () => {
    const perRequirement = Array.from({ length: 12 }, (_, i) => CRITERIA.filter((c) => c.requirement === i + 1).length);
    expect(perRequirement).toEqual([7, 6, 5, 7, 7, 7, 7, 5, 7, 6, 7, 7]);
    expect(CRITERIA.map((c) => c.id)).toEqual(perRequirement.flatMap((n, r) => Array.from({ length: n }, (_, i) => `R${r + 1}.${i + 1}`)));
    expect(PROPERTIES.map((p) => p.id)).toEqual(Array.from({ length: 20 }, (_, i) => `P${i + 1}`));
    expect(new Set(ALL_IDS).size).toBe(98);
  });

  it('the id list is still the specification\'s, wherever the specification can be read', () => {
    const text = existsSync(SPEC_PATH) ? readFileSync(SPEC_PATH, 'utf8') : undefined;
    // Without the specification beside the repository the list above is the only copy; the test then
    // checks what it can: every property's "validates" names a criterion of the list.
    for (const p of PROPERTIES) for (const v of p.validates) expect(CRITERIA.map((c) => c.id)).toContain(v);
    if (text === undefined) return;
    const ids: string[] = [];
    let requirement = 0;
    for (const line of text.split('\n')) {
      const req = /^### Requirement (\d+):/.exec(line);
      if (req) { requirement = Number(req[1]); continue; }
      const prop = /^### Property (\d+):/.exec(line);
      if (prop) { requirement = 0; ids.push(`P${prop[1]}`); continue; }
      const criterion = /^(\d+)\. /.exec(line);
      if (criterion && requirement > 0) ids.push(`R${requirement}.${criterion[1]}`);
    }
    expect(ids).toEqual([...ALL_IDS]);
  });

  it('maps exactly the 78 + 20 ids of the specification, each to at least one source', () => {
    expect(Object.keys(TRACEABILITY).sort()).toEqual([...ALL_IDS].sort());
    for (const id of ALL_IDS) expect(TRACEABILITY[id].length, id).toBeGreaterThan(0);
  });

  it('every registered rule is a source of the criterion it is named after, so no rule result is dropped', () => {
    const ruleSources = new Set(Object.values(TRACEABILITY).flat().filter((s) => s.kind === 'rule').map((s) => s.id));
    const unmapped = [...new Set(ALL_RULES.map((r) => r.id))].filter((id) => !ruleSources.has(id));
    expect(unmapped).toEqual([]);
    for (const r of ALL_RULES) expect(TRACEABILITY[r.id]?.some((s) => s.kind === 'rule' && s.id === r.id), r.id).toBe(true);
  });

  it('each property row needs its own property test, and each criterion a property validates lists that property or says why not', () => {
    for (const p of PROPERTIES) expect(TRACEABILITY[p.id].some((s) => s.kind === 'property' && s.id === p.id), p.id).toBe(true);
    // Properties about the image (P13-P15) and the scan (P16) are shown by their own rows; the
    // criteria keep their direct evidence (container tests, rules) instead.
    const indirect = new Set(['P11', 'P13', 'P14', 'P15', 'P16']);
    for (const p of PROPERTIES.filter((x) => !indirect.has(x.id))) {
      for (const c of p.validates) expect(TRACEABILITY[c].some((s) => s.kind === 'property' && s.id === p.id), `${c} <- ${p.id}`).toBe(true);
    }
  });

  it('a criterion only a live stack can show names the probe that covers it', () => {
    expect(requiredSources(TRACEABILITY['R7.6'])).toEqual([{ kind: 'probe', id: 'R7.6' }]);
  });
});

describe('traceability map and the live probes', () => {
  it('every criterion or property a live probe covers has that probe as a source, and no probe source is unprobed', async () => {
    const { PROBES } = await import('../../../integration/probes/index.js');
    const covered = new Set(PROBES.flatMap((p) => [p.id, ...p.covers]));
    for (const id of covered) expect(TRACEABILITY[id]?.some((s) => s.kind === 'probe' && s.id === id), id).toBe(true);
    const probeSources = Object.values(TRACEABILITY).flat().filter((s) => s.kind === 'probe').map((s) => s.id);
    expect(probeSources.filter((id) => !covered.has(id))).toEqual([]);
  });
});
