/** Percentiles, medians and a seeded random source for the benchmarks. */

/** Nanoseconds since an arbitrary origin, for timing one call. */
export const now = (): bigint => process.hrtime.bigint();

/** Milliseconds between two `now()` readings. */
export const elapsedMs = (start: bigint, end: bigint = now()): number => Number(end - start) / 1e6;

export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles of a sample (the sample is sorted in place). */
export function percentiles(sample: Float64Array | number[]): Percentiles {
  const sorted = Float64Array.from(sample).sort();
  const n = sorted.length;
  if (n === 0) return { n, p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN };
  const at = (q: number): number => sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))] as number;
  let sum = 0;
  for (const v of sorted) sum += v;
  return { n, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[n - 1] as number, mean: sum / n };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return NaN;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** mulberry32: small, fast and good enough to shape a data set reproducibly. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  }
}

/**
 * Zipf-distributed picks over a list (rank 1 = most popular), as request traffic over servers
 * tends to be: a few hot servers and a long tail. The list order decides the ranks.
 */
export class ZipfPicker<T> {
  private readonly cdf: Float64Array;

  constructor(
    private readonly items: readonly T[],
    exponent: number,
  ) {
    this.cdf = new Float64Array(items.length);
    let total = 0;
    for (let i = 0; i < items.length; i++) {
      total += 1 / Math.pow(i + 1, exponent);
      this.cdf[i] = total;
    }
    for (let i = 0; i < items.length; i++) this.cdf[i] = (this.cdf[i] as number) / total;
  }

  pick(rng: Rng): T {
    const u = rng.next();
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cdf[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    return this.items[lo] as T;
  }
}

/** A fixed-width number for tables: ms with enough digits to show microseconds. */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms < 0.1) return ms.toFixed(4);
  if (ms < 10) return ms.toFixed(3);
  return ms.toFixed(1);
}
