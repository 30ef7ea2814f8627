import type { StageName } from './types.js';

/**
 * Progress on stderr, one line when a stage starts and one when it ends, so a long run shows where it
 * is and stdout stays free for --json.
 */
export class Progress {
  private readonly timings: Array<{ name: StageName; seconds: number }> = [];
  private readonly started = Date.now();
  constructor(private readonly total: number, private readonly write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)) {}

  async stage<T>(index: number, name: StageName, run: () => Promise<T> | T, note: (result: T) => string): Promise<{ result: T; seconds: number }> {
    this.write(`verify [${index}/${this.total}] ${name} ...`);
    const t0 = Date.now();
    const result = await run();
    const seconds = (Date.now() - t0) / 1000;
    this.timings.push({ name, seconds });
    this.write(`verify [${index}/${this.total}] ${name}: ${note(result)} (${seconds.toFixed(1)} s)`);
    return { result, seconds };
  }

  line(text: string): void { this.write(`verify: ${text}`); }

  /** The per-stage seconds for --timing (and the benchmark). */
  timingTable(): string {
    const rows = this.timings.map((t) => `  ${t.name.padEnd(16)} ${t.seconds.toFixed(1).padStart(7)} s`);
    return ['verify timing:', ...rows, `  ${'total'.padEnd(16)} ${((Date.now() - this.started) / 1000).toFixed(1).padStart(7)} s`].join('\n');
  }
}
