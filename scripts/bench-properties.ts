/**
 * Property stage benchmark: the second-by-second engine (the reference, PROPERTY_ENGINE=second) against
 * the event engine (the default), measured in one run on the same machine, and printed as figures.
 *
 *   npx tsx scripts/bench-properties.ts [--runs 100] [--event-runs N] [--skip-suite]
 *
 * 1. The model alone: the same scenario (settle, load, a broken release, a day of time) in both engines:
 *    simulated seconds per wall second and steps observed.
 * 2. The property suite (the pNN files of `vitest run --project properties`), once per engine, with the
 *    same PROPERTY_RUNS (or `--event-runs` for the event engine: the default it can afford): wall time,
 *    CPU time of the vitest process tree (less disturbed by other work on a shared machine), property runs
 *    (the `runs` figures of the evidence, mutants excluded) and runs per wall and per CPU second.
 *    Evidence goes to a temporary directory, not .cache/evidence.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deploymentConfig, loadTemplate, REPO_ROOT } from '../infra/template/index.js';
import { World } from '../properties/model/world.js';
import { defineCommand, main, wholeNumber } from '../infra/cli/index.js';

const engines = ['second', 'event'] as const;

function modelScenario(engine: (typeof engines)[number]): { ms: number; simulated: number; observed: number } {
  const config = deploymentConfig(loadTemplate());
  let observed = 0;
  let simulated = 0;
  const t0 = performance.now();
  for (let i = 0; i < 10; i++) {
    const w = new World(config, { engine, observe: () => { observed++; } });
    w.settle();
    w.cpuDemand = 300;
    w.advance(3 * 3600);
    w.deploy(false);
    w.advance(3 * 3600);
    w.cpuDemand = 0;
    w.crashTask(w.service.liveTasks[0].id);
    w.advance(18 * 3600);
    simulated += w.now;
  }
  return { ms: performance.now() - t0, simulated, observed };
}

const benchProperties = defineCommand({
  name: 'bench-properties',
  synopsis: 'npx tsx scripts/bench-properties.ts [--runs N] [--event-runs N] [--skip-suite]',
  description: 'Times the second-by-second engine against the event engine: the model alone, then the property files.',
  options: {
    runs: { type: 'string', value: 'N', help: 'PROPERTY_RUNS of the suite (default 100)' },
    'event-runs': { type: 'string', value: 'N', help: 'PROPERTY_RUNS of the event engine\'s suite (default: --runs)' },
    'skip-suite': { type: 'boolean', help: 'time the model alone' },
  },
  epilogue: 'exit: 0 timed, 2 bad input',
}, ({ values }) => {
  const runs = values.runs === undefined ? 100 : wholeNumber('--runs', values.runs, { min: 1, max: 100_000 });
  const eventRuns = values['event-runs'] === undefined ? runs : wholeNumber('--event-runs', values['event-runs'], { min: 1, max: 100_000 });
  const skipSuite = values['skip-suite'] === true;
  console.log(`== the model alone (10 days of one scenario per engine; warm-up first) ==`);
  for (const engine of engines) modelScenario(engine);
  const model: Record<string, ReturnType<typeof modelScenario>> = {};
  for (const engine of engines) {
    model[engine] = modelScenario(engine);
    const m = model[engine];
    console.log(`${engine.padEnd(6)}  ${m.ms.toFixed(0).padStart(6)} ms  ${(m.simulated / (m.ms / 1000) / 1e6).toFixed(2)} M simulated s/s  ${m.observed} observed steps`);
  }
  console.log(`speed-up of the model: ${(model.second.ms / model.event.ms).toFixed(1)}x\n`);

  if (!skipSuite) {
    console.log(`== the property suite (properties/pNN files; PROPERTY_RUNS=${runs} second by second, ${eventRuns} with events) ==`);
    const suite: Record<string, { seconds: number; cpu: number; body: number; runs: number; ok: boolean }> = {};
    for (const engine of engines) {
      const dir = mkdtempSync(join(tmpdir(), `bench-${engine}-`));
      const t0 = performance.now();
      // GNU time reports the CPU seconds of the whole process tree (user + system) on its last line.
      const r = spawnSync('/usr/bin/time', ['-f', 'CPU %U %S', 'npx', 'vitest', 'run', '--project', 'properties', 'properties/p'], {
        cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, PROPERTY_ENGINE: engine, PROPERTY_RUNS: String(engine === 'event' ? eventRuns : runs), EVIDENCE_DIR: dir },
      });
      const seconds = (performance.now() - t0) / 1000;
      const cpuLine = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
      const cpu = cpuLine ? Number(cpuLine[1]) + Number(cpuLine[2]) : NaN;
      // The files' own test time as vitest prints it per file ("... (N tests) 1234ms"): the suite without its start-up.
      const plain = (r.stdout ?? '').replace(/\x1b\[[0-9;]*m/g, '');
      const body = [...plain.matchAll(/properties\/p\d+[^\n]*\(\d+ tests?[^)]*\)\s+(\d+)ms/g)].reduce((n, m) => n + Number(m[1]), 0) / 1000;
      let total = 0;
      for (const name of readdirSync(dir).filter((n) => n.startsWith('property-'))) {
        for (const item of JSON.parse(readFileSync(join(dir, name), 'utf8')).items) total += item.figures?.runs ?? 0;
      }
      rmSync(dir, { recursive: true, force: true });
      suite[engine] = { seconds, cpu, body, runs: total, ok: r.status === 0 };
      console.log(`${engine.padEnd(6)}  ${seconds.toFixed(1).padStart(6)} s wall  ${cpu.toFixed(1).padStart(6)} s CPU  ${body.toFixed(1).padStart(5)} s in the files' tests  ${total} property runs  ${(total / seconds).toFixed(1)} runs/s wall  ${(total / cpu).toFixed(1)} runs/CPU s${r.status === 0 ? '' : `  (vitest exit ${r.status}: ${(r.stdout + r.stderr).split('\n').filter((l) => /FAIL|×/.test(l)).slice(0, 5).join(' | ')})`}`);
    }
    const ratio = (k: 'seconds' | 'cpu' | 'body') => (suite.event.runs / suite.event[k]) / (suite.second.runs / suite.second[k]);
    console.log(`speed-up of the suite: ${ratio('seconds').toFixed(1)}x runs per wall second, ${ratio('cpu').toFixed(1)}x runs per CPU second, ${ratio('body').toFixed(1)}x runs per second of the files' own test time (start-up excluded)`);
  }
  return 0;
});

main(benchProperties);
