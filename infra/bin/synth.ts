/**
 * Writes the synthesized template to infra/template.json (the file `sam deploy` deploys and every
 * check reads). `--check` exits 1 when the committed file differs from a fresh synthesis.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { defineCommand, main } from '../cli/index.js';
import { TEMPLATE_PATH, serializeTemplate } from '../template/paths.js';

const synth = defineCommand({
  name: 'synth',
  synopsis: 'npm run synth [-- --check]',
  description: 'Synthesizes the CDK app and writes infra/template.json, with cdk-nag\'s findings on stderr.',
  options: {
    check: { type: 'boolean', help: 'write nothing: only compare infra/template.json with a fresh synthesis' },
  },
  epilogue: 'exit: 0 written (or up to date), 1 stale (with --check) or a cdk-nag error, 2 bad arguments',
}, async ({ values }) => {
  const started = Date.now();
  // Loaded after the arguments are parsed: the CDK library takes seconds to load, a typo should not wait for it.
  const { synthesize } = await import('../lib/synthesize.js');
  const { template, nagFindings } = synthesize();
  const text = serializeTemplate(template);
  let code = 0;
  if (values.check) {
    let committed = '';
    try { committed = readFileSync(TEMPLATE_PATH, 'utf8'); } catch { /* missing counts as stale */ }
    if (committed !== text) {
      console.error('infra/template.json is stale: run `npm run synth` and commit it');
      code = 1;
    } else {
      console.log('infra/template.json is up to date');
    }
  } else {
    writeFileSync(TEMPLATE_PATH, text);
    const resources = Object.keys((template.Resources ?? {}) as object).length;
    console.log(`wrote infra/template.json: ${resources} resources in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  for (const f of nagFindings) console.error(`cdk-nag ${f.level}: ${f.path}: ${f.message}`);
  return nagFindings.some((f) => f.level === 'error') ? 1 : code;
});

main(synth);
