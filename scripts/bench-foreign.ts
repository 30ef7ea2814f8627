/**
 * Benchmark (not a test): how long the harness takes on a template beside cfn-lint on the same file,
 * alternating the commands in one run so a noisy machine slows both alike. Prints medians and ratios:
 *   verify --no-containers / cfn-lint   (target: at most 3)
 *   npm run rules          / cfn-lint   (target: below 1)
 * Usage: npx tsx scripts/bench-foreign.ts [--runs N] [TEMPLATE ...]   (default: the foreign fixtures)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { defineCommand, InputError, main, scratchDir, wholeNumber } from '../infra/cli/index.js';
import { CFN_LINT } from '../infra/lint/cfn-lint.js';
import { REPO_ROOT } from '../infra/template/index.js';
import { median } from '../integration/capacity/stats.js';

const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const commands = (template: string, out: string): Record<string, string[]> => ({
  'cfn-lint': [CFN_LINT, template],
  'npm run rules': [tsx, join(REPO_ROOT, 'infra', 'rules', 'cli.ts'), '--template', template],
  'verify --no-containers': [tsx, join(REPO_ROOT, 'scripts', 'verify.ts'), '--template', template, '--no-containers', '--out', out],
});

function seconds(name: string, argv: string[], template: string): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { cwd: REPO_ROOT, stdio: 'ignore' });
  if (r.error) throw new Error(`${argv[0]} could not run: ${r.error.message}`);
  // Exit 1 (findings) is a normal outcome of every one of these tools; 2 means it could not judge.
  if (r.status !== null && r.status >= 2) throw new InputError(`${name} exited ${r.status} on ${template}: it cannot judge that template`);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const benchForeign = defineCommand({
  name: 'bench-foreign',
  synopsis: 'npx tsx scripts/bench-foreign.ts [--runs N] [TEMPLATE ...]',
  description: 'Times verify --no-containers and npm run rules beside cfn-lint on the same templates (medians, ratios).',
  options: {
    runs: { type: 'string', value: 'N', help: 'runs of each command per template, interleaved (default 5, at most 100)' },
  },
  positionals: { name: 'TEMPLATE', help: 'templates to time (default: infra/test/fixtures/foreign/)' },
  epilogue: 'exit: 0 timed, 2 bad input (options, a template that is missing or that a tool cannot judge)',
}, ({ values, positionals }) => {
  const runs = values.runs === undefined ? 5 : wholeNumber('--runs', values.runs, { min: 1, max: 100 });
  const missing = positionals.find((t) => !existsSync(t));
  if (missing) throw new InputError(`cannot read template ${missing}: no such file`);
  const fixtures = join(REPO_ROOT, 'infra', 'test', 'fixtures', 'foreign');
  const templates = positionals.length > 0 ? positionals : readdirSync(fixtures).filter((n) => /\.(ya?ml|json)$/.test(n)).map((n) => join(fixtures, n));
  // verify's reports go to a directory removed at exit: the timings are the output, not the reports.
  const out = scratchDir('bench-foreign');
  for (const template of templates) {
    const cmds = commands(template, out);
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(cmds).map((k) => [k, []]));
    for (let i = 0; i < runs; i++) for (const [name, argv] of Object.entries(cmds)) times[name].push(seconds(name, argv, template));
    const lint = median(times['cfn-lint']);
    console.log(`${relative(REPO_ROOT, template)} (${runs} runs each, interleaved; medians)`);
    for (const [name, xs] of Object.entries(times)) {
      console.log(`  ${name.padEnd(24)} ${median(xs).toFixed(2).padStart(6)} s  ${name === 'cfn-lint' ? '' : `${(median(xs) / lint).toFixed(2)} x cfn-lint`}`);
    }
  }
  return 0;
});

main(benchForeign);
