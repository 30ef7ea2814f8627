/** Percentiles and summaries of latency samples (nearest-rank, so every figure is a measured sample). */

export interface Summary { readonly count: number; readonly p50: number; readonly p95: number; readonly p99: number; readonly max: number; readonly mean: number }

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** The middle sample (the upper one of an even count), as the profile and the foreign-template benchmark report it. */
export function median(samples: readonly number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x);
  return {
    count: s.length, p50: r(percentile(s, 50)), p95: r(percentile(s, 95)), p99: r(percentile(s, 99)),
    max: r(s.length ? s[s.length - 1] : NaN), mean: r(s.length ? s.reduce((a, b) => a + b, 0) / s.length : NaN),
  };
}
