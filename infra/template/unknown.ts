/**
 * A value the template alone cannot determine, kept in place of the expression that produces it, so
 * that it flows through every reader as an explicit unknown instead of a guess, an `undefined` or a
 * crash. `why` names the unknown the way a user can act on it (give `--parameters`, check the other stack).
 */
export class Unknown {
  constructor(readonly why: string) {}
  toString(): string { return `<unknown: ${this.why}>`; }
  toJSON(): string { return this.toString(); }
}

export const isUnknown = (value: unknown): value is Unknown => value instanceof Unknown;

/** The first unknown anywhere inside a resolved value, if there is one. */
export function firstUnknown(value: unknown): Unknown | undefined {
  if (isUnknown(value)) return value;
  if (Array.isArray(value)) {
    for (const v of value) { const u = firstUnknown(v); if (u) return u; }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) { const u = firstUnknown(v); if (u) return u; }
  }
  return undefined;
}
