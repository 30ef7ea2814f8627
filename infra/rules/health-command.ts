/**
 * What a container health check command asks: the local URLs in it (http://localhost:8501/..., or
 * without the scheme, as `wget localhost:8501/...`), with their port resolved from the container's
 * environment when written as `$PORT`. Shared by rule R4.7 and the model, so both read a command alike
 * whatever tool it uses (curl, wget, python ...).
 */
export interface LocalRequest {
  /** The URL as written. */
  readonly text: string;
  /** The port it asks (the scheme's default when none is written), undefined when it cannot be resolved. */
  readonly port: number | undefined;
  /** The port as written, for messages. */
  readonly portText: string | undefined;
  readonly path: string;
}

/** The command without its `CMD` / `CMD-SHELL` marker, as one string. */
export function commandText(argv: readonly string[]): string {
  return (argv[0] === 'CMD' || argv[0] === 'CMD-SHELL' ? argv.slice(1) : argv).join(' ');
}

export function localRequests(argv: readonly string[], env: Readonly<Record<string, string>> = {}): LocalRequest[] {
  const cmd = commandText(argv);
  return [...cmd.matchAll(/(https?:\/\/)?(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?::([^/\s'"]+))?(\/[^\s'")]*)?/g)]
    .filter((m) => m[1] !== undefined || m[2] !== undefined)
    .map((m) => ({ text: m[0], port: portOf(m[2], env, m[0].startsWith('https') ? 443 : 80), portText: m[2], path: m[3] ?? '/' }));
}

function portOf(text: string | undefined, env: Readonly<Record<string, string>>, fallback: number): number | undefined {
  if (text === undefined) return fallback;
  const v = /^\$\{?(\w+)\}?$/.exec(text);
  const value = v ? env[v[1]] : text;
  const n = Number(value);
  return Number.isInteger(n) ? n : undefined;
}
