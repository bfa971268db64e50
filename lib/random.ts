import mt19937 from "@stdlib/random-base-mt19937";
import normalFactory from "@stdlib/random-base-normal";
import { Matrix } from "./matrix.js";

/**
 * A seeded random stream on @stdlib's Mersenne Twister: the same seed gives the same numbers on every
 * machine, so notebooks and training are reproducible. Share one `Rng` to draw several matrices.
 *
 * @example
 * new Rng(42).uniform(); // => 0.9507143064099162 (the normal sampler draws once when built)
 */
export class Rng {
  readonly seed: number;
  private readonly u: () => number;
  private readonly n: (mu: number, sigma: number) => number;

  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 1 || seed > 4294967295) {
      throw new Error(`Rng: seed must be an integer in [1, 4294967295], got ${seed}`);
    }
    this.seed = seed;
    // @stdlib's types omit `.normalized` on factory output; it is the [0, 1) stream of the same twister.
    const base = mt19937.factory({ seed }) as unknown as { normalized: () => number };
    this.u = base.normalized;
    this.n = normalFactory.factory({ prng: this.u });
  }

  /** Uniform on [low, high). */
  uniform(low = 0, high = 1): number {
    return low + (high - low) * this.u();
  }

  /** Normal with mean `mu` and standard deviation `sigma`. */
  normal(mu = 0, sigma = 1): number {
    return this.n(mu, sigma);
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.u() * n);
  }

  /** Shuffles `xs` in place (Fisher–Yates) and returns it. */
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  }
}

/** Where a random matrix gets its numbers: a seed, or a shared `Rng`. */
export type RandomSource = { seed: number } | { rng: Rng };

/**
 * (rows, cols) with entries ~ N(mean, std²).
 *
 * @example
 * randomNormal(2, 3, { seed: 1 }).rows; // => 2
 */
export function randomNormal(rows: number, cols: number, src: RandomSource & { mean?: number; std?: number }): Matrix {
  const rng = rngOf(src, "randomNormal");
  return fill(rows, cols, "randomNormal", () => rng.normal(src.mean ?? 0, src.std ?? 1));
}

/**
 * (rows, cols) with entries uniform on [low, high) (default [0, 1)).
 *
 * @example
 * randomUniform(1, 2, { seed: 42 }).toArray(); // => [[0.9507143064099162, 0.7319939418114051]]
 */
export function randomUniform(rows: number, cols: number, src: RandomSource & { low?: number; high?: number }): Matrix {
  const rng = rngOf(src, "randomUniform");
  return fill(rows, cols, "randomUniform", () => rng.uniform(src.low ?? 0, src.high ?? 1));
}

/**
 * Xavier/Glorot uniform init for a weight (fanIn, fanOut): U(−a, a) with a = √(6 / (fanIn + fanOut)),
 * which keeps activations' variance roughly constant through a layer.
 *
 * @example
 * xavierUniform(64, 32, { seed: 1 }).shape; // => "(64, 32)"
 */
export function xavierUniform(fanIn: number, fanOut: number, src: RandomSource): Matrix {
  const a = Math.sqrt(6 / (fanIn + fanOut));
  const rng = rngOf(src, "xavierUniform");
  return fill(fanIn, fanOut, "xavierUniform", () => rng.uniform(-a, a));
}

/**
 * Xavier/Glorot normal init: N(0, 2 / (fanIn + fanOut)).
 *
 * @example
 * xavierNormal(3, 5, { seed: 1 }).rows; // => 3
 */
export function xavierNormal(fanIn: number, fanOut: number, src: RandomSource): Matrix {
  const std = Math.sqrt(2 / (fanIn + fanOut));
  const rng = rngOf(src, "xavierNormal");
  return fill(fanIn, fanOut, "xavierNormal", () => rng.normal(0, std));
}

function rngOf(src: RandomSource, fn: string): Rng {
  if (src && "rng" in src && src.rng instanceof Rng) return src.rng;
  if (src && "seed" in src) return new Rng(src.seed);
  throw new Error(`${fn}: give { seed } or { rng } so the numbers are reproducible`);
}

function fill(rows: number, cols: number, fn: string, draw: () => number): Matrix {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new Error(`${fn}: shape must be non-negative integers, got (${rows}, ${cols})`);
  }
  const m = new Matrix(rows, cols);
  for (let t = 0; t < m.data.length; t++) m.data[t] = draw();
  return m;
}
