// Small seeded generators the exercises' `draw` functions share (solutions/*.ts declare them; see declare.ts).
import type { Rng } from "../../lib/index.js";

/** An integer in [lo, hi]. */
export const int = (rng: Rng, lo: number, hi: number) => lo + rng.int(hi - lo + 1);
/** n numbers, uniform in [−scale, scale]. */
export const vec = (rng: Rng, n: number, scale = 1) => Array.from({ length: n }, () => rng.uniform(-scale, scale));
export const mat = (rng: Rng, r: number, c: number, scale = 1) => Array.from({ length: r }, () => vec(rng, c, scale));
/** A mask with at least one true per row. */
export const mask = (rng: Rng, r: number, c: number) => Array.from({ length: r }, () => {
  const row = Array.from({ length: c }, () => rng.uniform() < 0.6);
  row[rng.int(c)] = true;
  return row;
});
/** A vector that is not all zeros. */
export const nonZero = (rng: Rng, n: number) => { const v = vec(rng, n); v[rng.int(n)] += 2; return v; };
/** One of `choices`. */
export const pick = <T>(rng: Rng, choices: T[]): T => choices[rng.int(choices.length)];

/** GRU parameters for input size dIn and state size dH (solutions/04_bahdanau.ts's gruStep). */
export const gruParams = (rng: Rng, dIn: number, dH: number) => ({
  wz: mat(rng, dIn, dH), uz: mat(rng, dH, dH), bz: vec(rng, dH), wr: mat(rng, dIn, dH), ur: mat(rng, dH, dH), br: vec(rng, dH),
  wh: mat(rng, dIn, dH), uh: mat(rng, dH, dH), bh: vec(rng, dH),
});

// A Transformer layer's parameters (d = numHeads · dK), for solutions/05_transformer.ts.
export const heads = (r: Rng, h: number, d: number) => ({ numHeads: h, wq: mat(r, d, d), wk: mat(r, d, d), wv: mat(r, d, d), wo: mat(r, d, d) });
export const norm = (r: Rng, d: number) => ({ gamma: vec(r, d).map((g) => 1 + 0.5 * g), beta: vec(r, d) });
export const ffn = (r: Rng, d: number, dFF: number) => ({ w1: mat(r, d, dFF), b1: vec(r, dFF), w2: mat(r, dFF, d), b2: vec(r, d) });
export const layerSize = (r: Rng) => { const h = int(r, 1, 3); return { h, d: h * int(r, 1, 3), dFF: int(r, 1, 6) }; };
