/**
 * Benchmark (not a test): how long the harness takes on a template beside cfn-lint on the same file,
 * alternating the commands in one run so a noisy machine slows both alike. Prints medians and ratios:
 *   verify --no-containers / cfn-lint   (target: at most 3)
 *   npm run rules          / cfn-lint   (target: below 1)
 * Usage: npx tsx scripts/bench-foreign.ts [--runs N] [TEMPLATE ...]   (default: the foreign fixtures)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { CFN_LINT } from '../infra/lint/cfn-lint.js';
import { REPO_ROOT } from '../infra/template/index.js';

const { values, positionals } = parseArgs({ options: { runs: { type: 'string', default: '5' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
if (values.help) {
  console.log('usage: npx tsx scripts/bench-foreign.ts [--runs N] [TEMPLATE ...]');
  process.exit(0);
}
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) { console.error(`bench-foreign: --runs must be a positive integer, got ${values.runs}`); process.exit(2); }
const fixtures = join(REPO_ROOT, 'infra', 'test', 'fixtures', 'foreign');
const templates = positionals.length > 0 ? positionals : readdirSync(fixtures).filter((n) => /\.(ya?ml|json)$/.test(n)).map((n) => join(fixtures, n));

const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const out = mkdtempSync(join(tmpdir(), 'bench-foreign-'));
const commands = (template: string): Record<string, string[]> => ({
  'cfn-lint': [CFN_LINT, template],
  'npm run rules': [tsx, join(REPO_ROOT, 'infra', 'rules', 'cli.ts'), '--template', template],
  'verify --no-containers': [tsx, join(REPO_ROOT, 'scripts', 'verify.ts'), '--template', template, '--no-containers', '--out', out],
});

function seconds(argv: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { cwd: REPO_ROOT, stdio: 'ignore' });
  if (r.error) throw new Error(`${argv[0]} could not run: ${r.error.message}`);
  // Exit 1 (findings) is a normal outcome of every one of these tools; 2 means it could not judge.
  if (r.status !== null && r.status >= 2) throw new Error(`${relative(REPO_ROOT, argv[0])} exited ${r.status} on ${argv.at(-1)}`);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}
const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

for (const template of templates) {
  const cmds = commands(template);
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(cmds).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) for (const [name, argv] of Object.entries(cmds)) times[name].push(seconds(argv));
  const lint = median(times['cfn-lint']);
  console.log(`${relative(REPO_ROOT, template)} (${runs} runs each, interleaved; medians)`);
  for (const [name, xs] of Object.entries(times)) {
    console.log(`  ${name.padEnd(24)} ${median(xs).toFixed(2).padStart(6)} s  ${name === 'cfn-lint' ? '' : `${(median(xs) / lint).toFixed(2)} x cfn-lint`}`);
  }
}
