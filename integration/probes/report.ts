import type { ProbeResult } from './types.js';

export interface RunInfo { readonly stack: string; readonly region: string; readonly startedAt: string }

export function toTable(results: readonly ProbeResult[]): string {
  const rows = results.map((r) => [r.status.toUpperCase(), r.id, r.covers.join(' '), r.detail]);
  const head = ['STATUS', 'PROBE', 'COVERS', 'DETAIL'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.slice().map((r) => (i < 3 ? r[i].length : 0))));
  const line = (r: string[]) => r.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c)).join('  ');
  const counts = ['pass', 'fail', 'error', 'crashed'].map((s) => `${results.filter((r) => r.status === s).length} ${s}`).join(', ');
  return [line(head), ...rows.map(line), '', counts].join('\n');
}

export function toJson(results: readonly ProbeResult[], info: RunInfo): string {
  return JSON.stringify({ ...info, results }, null, 2);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function toJunit(results: readonly ProbeResult[], info: RunInfo): string {
  const failures = results.filter((r) => r.status === 'fail').length;
  const errors = results.filter((r) => r.status === 'error' || r.status === 'crashed').length;
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const cases = results.map((r) => {
    const open = `  <testcase classname="probes.${esc(info.stack)}" name="${esc(`${r.id} ${r.title} [${r.covers.join(' ')}]`)}" time="${seconds(r.ms)}"`;
    if (r.status === 'pass') return `${open}><system-out>${esc(r.detail)}</system-out></testcase>`;
    const tag = r.status === 'fail' ? 'failure' : 'error';
    return `${open}><${tag} message="${esc(r.detail)}"/></testcase>`;
  });
  const total = results.reduce((a, r) => a + r.ms, 0);
  return ['<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuite name="live-probes" tests="${results.length}" failures="${failures}" errors="${errors}" time="${seconds(total)}" timestamp="${info.startedAt}">`,
    ...cases, '</testsuite>', ''].join('\n');
}
