import { SPEC } from '../spec.js';

export interface SizeVerdict { readonly ok: boolean; readonly reason: string }

/**
 * The verdict on a measured image size (bytes, as `docker image inspect` reports `Size`) against R1.2's
 * "smaller than 500MB", read as 500 x 10^6 bytes, the unit Docker prints. The container tests measure
 * the size and ask this function; P15 checks the function itself.
 */
export function imageSizeVerdict(bytes: number): SizeVerdict {
  if (!Number.isFinite(bytes) || bytes < 0) return { ok: false, reason: `not a size: ${bytes}` };
  const mb = (bytes / 1e6).toFixed(1);
  return bytes < SPEC.maxImageBytes
    ? { ok: true, reason: `${mb} MB, below ${SPEC.maxImageBytes / 1e6} MB` }
    : { ok: false, reason: `${mb} MB, not below ${SPEC.maxImageBytes / 1e6} MB` };
}

/** The stages of a Dockerfile, in order: each FROM's image and its `AS` name. */
export function dockerStages(dockerfile: string): Array<{ from: string; name?: string; body: string }> {
  const lines = dockerfile.split('\n');
  const stages: Array<{ from: string; name?: string; body: string }> = [];
  for (const line of lines) {
    const m = /^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (m) stages.push({ from: m[1], name: m[2], body: '' });
    else if (stages.length > 0) stages[stages.length - 1].body += `${line}\n`;
  }
  return stages;
}
