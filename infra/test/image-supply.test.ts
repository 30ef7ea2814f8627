import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCKERFILE_PATH, REPO_ROOT } from '../template/index.js';

/**
 * The image's Python packages are the reviewed ones: dashboard/requirements.hashes.txt holds the sha256 of
 * each wheel for exactly the pins of dashboard/requirements.txt, scripts/build-image.sh downloads with
 * them and the Dockerfile installs with --require-hashes, so a wheel that differs stops the build.
 */
const pinsOf = (text: string): string[] => [...text.matchAll(/^([A-Za-z0-9_.-]+)==([^\s\\#]+)/gm)].map((m) => `${m[1].toLowerCase().replace(/_/g, '-')}==${m[2]}`).sort();
const REQUIREMENTS = join(REPO_ROOT, 'dashboard', 'requirements.txt');
const HASHED = join(REPO_ROOT, 'dashboard', 'requirements.hashes.txt');
const WHEELHOUSE = join(REPO_ROOT, '.cache', 'wheelhouse');
const PYTHON = join(REPO_ROOT, '.venv', 'bin', 'python');

describe('the image\'s wheels are installed with hashes', () => {
  it('requirements.hashes.txt pins exactly requirements.txt, one sha256 per pin', () => {
    const hashed = readFileSync(HASHED, 'utf8');
    expect(pinsOf(hashed)).toEqual(pinsOf(readFileSync(REQUIREMENTS, 'utf8')));
    const blocks = hashed.split(/\n(?=[A-Za-z0-9])/).filter((b) => /==/.test(b));
    for (const b of blocks) expect(b.match(/--hash=sha256:[0-9a-f]{64}/g), b.split(' ')[0]).toHaveLength(1);
  });

  it('the Dockerfile installs from the wheelhouse with --require-hashes and the hashed pins', () => {
    const dockerfile = readFileSync(DOCKERFILE_PATH, 'utf8');
    expect(dockerfile).toMatch(/^COPY dashboard\/requirements\.hashes\.txt \/tmp\/requirements\.txt$/m);
    expect(dockerfile).toMatch(/pip install --no-index --find-links \/tmp\/wheels .*--require-hashes -r \/tmp\/requirements\.txt/);
  });

  it.skipIf(!existsSync(WHEELHOUSE) || !existsSync(PYTHON))('pip refuses a wheel of the wheelhouse that was altered', () => {
    const wheel = readdirSync(WHEELHOUSE).find((f) => f.startsWith('six-') && f.endsWith('.whl'))!;
    expect(wheel).toBeDefined();
    const pin = readFileSync(HASHED, 'utf8').match(/^six==.*\\\n\s+--hash=sha256:[0-9a-f]{64}/m)![0];
    const dir = mkdtempSync(join(tmpdir(), 'wheelhouse-'));
    writeFileSync(join(dir, 'req.txt'), `${pin}\n`);
    const install = (from: string) => spawnSync(PYTHON, ['-m', 'pip', 'download', '--disable-pip-version-check', '--no-index', '--find-links', from, '--no-deps', '--require-hashes', '-r', join(dir, 'req.txt'), '-d', join(from, 'out')], { encoding: 'utf8' });
    const good = join(dir, 'good');
    const bad = join(dir, 'bad');
    for (const d of [good, bad]) { mkdirSync(d); copyFileSync(join(WHEELHOUSE, wheel), join(d, wheel)); }
    appendFileSync(join(bad, wheel), Buffer.from('tampered'));
    const accepted = install(good);
    expect(accepted.status, accepted.stderr).toBe(0);
    const refused = install(bad);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/DO NOT MATCH THE HASHES/);
  }, 60_000);
});
