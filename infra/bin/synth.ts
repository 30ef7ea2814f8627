/**
 * Writes the synthesized template to infra/template.json (the file `sam deploy` deploys and every
 * check reads). `--check` exits 1 when the committed file differs from a fresh synthesis.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { synthesize } from '../lib/synthesize.js';
import { TEMPLATE_PATH, serializeTemplate } from '../template/paths.js';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log('usage: npm run synth [-- --check]\n  writes infra/template.json; --check only compares it with a fresh synthesis');
  process.exit(0);
}
const started = Date.now();
const { template, nagFindings } = synthesize();
const text = serializeTemplate(template);
if (args.includes('--check')) {
  let committed = '';
  try { committed = readFileSync(TEMPLATE_PATH, 'utf8'); } catch { /* missing counts as stale */ }
  if (committed !== text) {
    console.error('infra/template.json is stale: run `npm run synth` and commit it');
    process.exit(1);
  }
  console.log('infra/template.json is up to date');
} else {
  writeFileSync(TEMPLATE_PATH, text);
  const resources = Object.keys((template.Resources ?? {}) as object).length;
  console.log(`wrote infra/template.json: ${resources} resources in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
for (const f of nagFindings) console.error(`cdk-nag ${f.level}: ${f.path}: ${f.message}`);
if (nagFindings.some((f) => f.level === 'error')) process.exit(1);
