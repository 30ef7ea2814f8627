import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../integration/emulated/emulator.js';

/** Debian's docker-registry on a free loopback port with its own storage: the stand-in for ECR. */
export class LocalRegistry {
  private constructor(readonly port: number, private readonly proc: ChildProcess, private readonly dir: string) {}

  get host(): string { return `127.0.0.1:${this.port}`; }

  static async start(): Promise<LocalRegistry> {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'registry-'));
    writeFileSync(join(dir, 'config.yml'), [
      'version: 0.1', 'log:', '  level: warn', 'storage:', '  filesystem:', `    rootdirectory: ${join(dir, 'data')}`,
      '  delete:', '    enabled: true', 'http:', `  addr: 127.0.0.1:${port}`, '',
    ].join('\n'));
    const proc = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: 'ignore' });
    const registry = new LocalRegistry(port, proc, dir);
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) throw new Error(`docker-registry exited with ${proc.exitCode}`);
      try { if ((await fetch(`http://${registry.host}/v2/`)).ok) return registry; } catch { /* starting */ }
      await new Promise((r) => setTimeout(r, 200));
    }
    registry.stop();
    throw new Error('docker-registry did not answer within 20 s');
  }

  /** The digest the registry stores for a tag (what `docker pull NAME@DIGEST` would fetch). */
  async digestOf(repository: string, tag: string): Promise<string | undefined> {
    const res = await fetch(`http://${this.host}/v2/${repository}/manifests/${tag}`, {
      method: 'HEAD', headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json' },
    });
    return res.ok ? res.headers.get('docker-content-digest') ?? undefined : undefined;
  }

  stop(): void {
    if (this.proc.exitCode === null) this.proc.kill('SIGTERM');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
