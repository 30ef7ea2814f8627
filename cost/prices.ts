import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CostInputError } from './errors.js';

/** One price as the snapshot records it: the figure, what it is per, where it was read and when. */
export interface FlatPrice {
  readonly usd: number;
  readonly unit: string;
  readonly source: string;
  readonly date: string;
  readonly dateBasis: 'source' | 'snapshot';
  readonly usagetype?: string;
}
/** A price by volume tier (CloudWatch custom metrics): `upTo` is the cumulative quantity a tier ends at, null for the last. */
export interface TieredPrice extends Omit<FlatPrice, 'usd'> { readonly tiers: ReadonlyArray<{ readonly upTo: number | null; readonly usd: number }> }
export type Price = FlatPrice | TieredPrice;

export interface PriceFile {
  readonly snapshot: { readonly compiled: string; readonly reference: string; readonly currency: string };
  readonly hoursPerMonth: number;
  readonly regions: Record<string, Record<string, Price>>;
  readonly freeTier: { readonly allowances: Record<string, { readonly quantity: number; readonly source: string }> };
}

export const PRICES_PATH = join(dirname(fileURLToPath(import.meta.url)), 'prices.json');

/**
 * The price snapshot with the one rule that matters: a price the snapshot does not hold for a region is
 * an error naming the price and the region, never a zero that would make a bill look cheaper.
 */
export class PriceBook {
  constructor(readonly file: PriceFile) {}

  get hoursPerMonth(): number { return this.file.hoursPerMonth; }
  get regions(): string[] { return Object.keys(this.file.regions); }

  /** Throws when the region is not in the snapshot at all. */
  region(region: string): Record<string, Price> {
    const r = this.file.regions[region];
    if (!r) throw new CostInputError(`unknown region ${region}: the price snapshot has ${this.regions.join(', ')}`);
    return r;
  }

  price(key: string, region: string): Price {
    const p = this.region(region)[key];
    if (!p) throw new CostInputError(`no ${region} price for ${key} in the price snapshot (cost/prices.json); add it with its source and date`);
    return p;
  }

  flat(key: string, region: string): FlatPrice {
    const p = this.price(key, region);
    if (!('usd' in p)) throw new CostInputError(`price ${key} in ${region} is tiered where a single price is needed`);
    return p;
  }

  tiered(key: string, region: string): TieredPrice {
    const p = this.price(key, region);
    if (!('tiers' in p)) throw new CostInputError(`price ${key} in ${region} has no tiers`);
    return p;
  }

  freeAllowance(key: string): number {
    return this.file.freeTier.allowances[key]?.quantity ?? 0;
  }

  /** A copy with one price replaced (a flat price's usd, or every tier scaled), for tests and what-ifs. */
  withPrice(key: string, region: string, usd: number): PriceBook {
    const old = this.price(key, region);
    const replaced: Price = 'usd' in old ? { ...old, usd } : { ...old, tiers: old.tiers.map((t, i) => (i === 0 ? { ...t, usd } : t)) };
    return new PriceBook({ ...this.file, regions: { ...this.file.regions, [region]: { ...this.file.regions[region], [key]: replaced } } });
  }
}

/** Reads and checks the snapshot: every price must carry a positive-or-zero figure, a unit, a source and a date. */
export function loadPrices(path: string = PRICES_PATH): PriceBook {
  let file: PriceFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as PriceFile;
  } catch (e) {
    throw new CostInputError(`cannot read the price snapshot ${path}: ${(e as Error).message.split('\n')[0]}`);
  }
  validate(file, path);
  return new PriceBook(file);
}

export function validate(file: PriceFile, name = 'price snapshot'): void {
  if (!(file?.hoursPerMonth > 0)) throw new CostInputError(`${name}: hoursPerMonth must be a positive number`);
  if (!file.regions || Object.keys(file.regions).length === 0) throw new CostInputError(`${name}: no regions`);
  for (const [region, prices] of Object.entries(file.regions)) {
    for (const [key, p] of Object.entries(prices)) {
      const where = `${name}: ${region} ${key}`;
      if (!p.source || !p.date || !p.unit) throw new CostInputError(`${where} lacks a source, a date or a unit`);
      const figures = 'usd' in p ? [p.usd] : 'tiers' in p ? p.tiers.map((t) => t.usd) : [];
      if (figures.length === 0 || figures.some((u) => typeof u !== 'number' || !Number.isFinite(u) || u < 0)) {
        throw new CostInputError(`${where} has no valid USD figure`);
      }
    }
  }
}
