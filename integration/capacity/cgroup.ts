import { readFileSync } from 'node:fs';
import { docker } from './docker.js';

/**
 * A container's cumulative CPU time and CFS throttling, read from its cgroup (v1 as on these machines,
 * v2 as a fallback). `docker stats` gives an instantaneous percentage, which on a busy shared host cannot
 * tell "the 0.5 CPU limit is the bottleneck" (throttled time grows) from "the host had no CPU to give"
 * (usage stays under the limit, no throttling); these counters can.
 */

export interface CpuCounters { readonly usageNs: number; readonly periods: number; readonly throttledPeriods: number; readonly throttledNs: number }

function read(path: string): string | undefined {
  try { return readFileSync(path, 'utf8'); } catch { return undefined; }
}

function statField(text: string, key: string): number {
  const m = new RegExp(`^${key} (\\d+)$`, 'm').exec(text);
  return m ? Number(m[1]) : NaN;
}

export async function fullId(container: string): Promise<string> {
  return docker(['inspect', '-f', '{{.Id}}', container]);
}

/** The container's counters now, or undefined where neither cgroup layout is readable. */
export function cpuCounters(id: string): CpuCounters | undefined {
  const v1usage = read(`/sys/fs/cgroup/cpuacct/docker/${id}/cpuacct.usage`);
  const v1stat = read(`/sys/fs/cgroup/cpu/docker/${id}/cpu.stat`);
  if (v1usage !== undefined && v1stat !== undefined) {
    return { usageNs: Number(v1usage.trim()), periods: statField(v1stat, 'nr_periods'), throttledPeriods: statField(v1stat, 'nr_throttled'), throttledNs: statField(v1stat, 'throttled_time') };
  }
  for (const dir of [`/sys/fs/cgroup/system.slice/docker-${id}.scope`, `/sys/fs/cgroup/docker/${id}`]) {
    const v2 = read(`${dir}/cpu.stat`);
    if (v2 !== undefined) {
      return { usageNs: statField(v2, 'usage_usec') * 1000, periods: statField(v2, 'nr_periods'), throttledPeriods: statField(v2, 'nr_throttled'), throttledNs: statField(v2, 'throttled_usec') * 1000 };
    }
  }
  return undefined;
}

export function delta(a: CpuCounters, b: CpuCounters): CpuCounters {
  return { usageNs: b.usageNs - a.usageNs, periods: b.periods - a.periods, throttledPeriods: b.throttledPeriods - a.throttledPeriods, throttledNs: b.throttledNs - a.throttledNs };
}
