import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * The few Docker CLI calls the twin and the benchmark make. The CLI rather than an API client because it
 * is what an engineer would type to reproduce a finding (`docker pause`, `docker stats`), and because
 * `--cpus`/`--memory` are exactly the limits the twin must impose.
 */

const run = promisify(execFile);

export async function docker(args: readonly string[], timeoutMs = 120_000): Promise<string> {
  try {
    const { stdout } = await run('docker', [...args], { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 });
    return stdout.trim();
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    const why = (err.stderr || err.message).trim().split('\n').pop();
    throw new Error(`docker ${args[0]} failed: ${why}`);
  }
}

export async function dockerAvailable(): Promise<boolean> {
  try { await docker(['info', '--format', '{{.ServerVersion}}'], 15_000); return true; } catch { return false; }
}

export async function imageExists(image: string): Promise<boolean> {
  try { await docker(['image', 'inspect', '--format', '{{.Id}}', image]); return true; } catch { return false; }
}

/** The host port a container's port was published on (`-p 127.0.0.1::PORT`). */
export async function publishedPort(container: string, port: number): Promise<number> {
  const out = await docker(['port', container, `${port}/tcp`]);
  const m = /127\.0\.0\.1:(\d+)/.exec(out);
  if (!m) throw new Error(`container ${container} has no loopback port for ${port}: ${out}`);
  return Number(m[1]);
}

export interface ContainerStats { readonly name: string; readonly cpuPercent: number; readonly memoryMiB: number; readonly memoryLimitMiB: number }

/** One `docker stats --no-stream` sample. CPU percent is of one core (so 50 = a 0.5 CPU limit saturated). */
export async function containerStats(names: readonly string[]): Promise<ContainerStats[]> {
  if (names.length === 0) return [];
  const out = await docker(['stats', '--no-stream', '--format', '{{.Name}}|{{.CPUPerc}}|{{.MemUsage}}', ...names], 30_000);
  return out.split('\n').filter(Boolean).map((line) => {
    const [name, cpu, mem] = line.split('|');
    const [used, limit] = mem.split('/').map((s) => toMiB(s.trim()));
    return { name, cpuPercent: Number.parseFloat(cpu), memoryMiB: used, memoryLimitMiB: limit };
  });
}

function toMiB(s: string): number {
  const m = /^([\d.]+)\s*([KMGT]?i?B)$/.exec(s);
  if (!m) return NaN;
  const n = Number(m[1]);
  const unit = m[2];
  const factor: Record<string, number> = { B: 1 / 1048576, KiB: 1 / 1024, kB: 1 / 1024, MiB: 1, MB: 1, GiB: 1024, GB: 1024, TiB: 1048576 };
  return n * (factor[unit] ?? NaN);
}
