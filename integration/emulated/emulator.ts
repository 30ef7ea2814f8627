import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../infra/template/index.js';

/** The venv scripts/setup-python.sh makes for moto and the AWS/SAM CLIs. */
export const AWS_TOOLS_BIN = join(REPO_ROOT, '.venv', 'aws-tools', 'bin');
export const EMULATED_REGION = 'us-east-1';
/** moto accepts any key; fixed fake ones keep a real profile from ever being used by the tests. */
export const FAKE_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_SESSION_TOKEN: 'testing' };

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** moto in server mode on 127.0.0.1, started and stopped by the suite that uses it. */
export class Emulator {
  private constructor(readonly port: number, private readonly proc: ChildProcess) {}

  get endpoint(): string { return `http://127.0.0.1:${this.port}`; }

  /** The environment under which the AWS CLI, SAM CLI and SDK talk to this emulator only. */
  env(): Record<string, string> {
    return {
      ...FAKE_CREDENTIALS, AWS_ENDPOINT_URL: this.endpoint, AWS_REGION: EMULATED_REGION, AWS_DEFAULT_REGION: EMULATED_REGION,
      AWS_CONFIG_FILE: join(REPO_ROOT, '.cache', 'emulated', 'no-aws-config'), AWS_SHARED_CREDENTIALS_FILE: join(REPO_ROOT, '.cache', 'emulated', 'no-aws-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true', SAM_CLI_TELEMETRY: '0',
    };
  }

  /** `moreEnv` reaches moto itself, e.g. MOTO_ECS_SERVICE_RUNNING (moto's documented knob for a service's running count). */
  static async start(moreEnv: Record<string, string> = {}): Promise<Emulator> {
    const python = join(AWS_TOOLS_BIN, 'python');
    if (!existsSync(python)) throw new Error(`${python} is missing: run bash scripts/setup-python.sh first`);
    const port = await freePort();
    const logDir = join(REPO_ROOT, '.cache', 'emulated');
    mkdirSync(logDir, { recursive: true });
    const log = openSync(join(logDir, `moto-${port}.log`), 'w');
    const proc = spawn(python, [join(REPO_ROOT, 'integration', 'emulated', 'moto_launcher.py'), String(port)], { stdio: ['ignore', log, log], env: { ...process.env, ...moreEnv } });
    const emulator = new Emulator(port, proc);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) throw new Error(`moto exited with ${proc.exitCode}; see .cache/emulated/moto-${port}.log`);
      try {
        const res = await fetch(`${emulator.endpoint}/moto-api/data.json`);
        if (res.ok) return emulator;
      } catch { /* not listening yet */ }
      await new Promise((r) => setTimeout(r, 250));
    }
    emulator.stop();
    throw new Error(`moto did not answer on port ${port} within 60 s`);
  }

  stop(): void {
    if (this.proc.exitCode === null) this.proc.kill('SIGTERM');
  }
}

/** The AWS CLI from the tools venv against the emulator; its text output. */
export function awsCli(emulator: Emulator, args: string[]): string {
  return execFileSync(join(AWS_TOOLS_BIN, 'aws'), ['--endpoint-url', emulator.endpoint, '--region', EMULATED_REGION, ...args], {
    env: { ...process.env, ...emulator.env() }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** A throwaway self-signed certificate imported into the emulator's ACM, as the deploy script does without a DomainName. */
export function importSelfSignedCertificate(emulator: Emulator, commonName: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cert-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${commonName}`,
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    return awsCli(emulator, ['acm', 'import-certificate', '--certificate', `fileb://${join(dir, 'cert.pem')}`,
      '--private-key', `fileb://${join(dir, 'key.pem')}`, '--query', 'CertificateArn', '--output', 'text']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
