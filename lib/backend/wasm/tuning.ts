// Every size threshold and thread share of the WebAssembly backend, in one place. None changes a result bit
// (each only picks a kernel that gives the same bits, or moves whole rows between threads), so all are
// tunable: `setTuning` for an experiment, scripts/bench.ts to measure. The values were measured on a
// 2-core x86 machine (scripts/bench.ts); another machine may prefer others.
export interface Tuning {
  /** Multiply-adds below which the readable tiled kernel is as fast as the SIMD one (and for 1 column). */
  productMin: number;
  /** Entries below which softmax stays in TypeScript. */
  softmaxMin: number;
  /** n·n_k·d_model below which multi-head attention runs the readable steps (on this backend's kernels). */
  headsMin: number;
  /** Multiply-adds from which products use the second thread (the hand-off costs ~20–50 µs; 128³ gains nothing, 256³ 1.4×), and matmul uses FMA. */
  parallelMin: number;
  /** Cache blocking: a 4·kc sliver of B stays in L1, mcp row panels of A in L2. */
  kc: number; mcp: number;
  /**
   * matmul's FMA path runs in two phases: the main thread's share of rows, then the worker's; `fmaShares` are
   * [end of the main thread's first part, end of the worker's first part] as fractions of the rows (the main
   * thread also copies A in and the result out, so its share is smaller).
   */
  fmaShares: [number, number];
  /** B·H·nQ·nK·(dK + dVh) below which autodiff's attendHeads runs the readable loops (the copies cost more; even near 256). */
  attendMin: number;
  /** Multi-head attention's output projection: the main thread's share of rows (it copies the weights out). */
  headsOutShare: number;
}

export const tuning: Tuning = {
  productMin: 256, softmaxMin: 64, headsMin: 4096, parallelMin: 160 ** 3, kc: 256, mcp: 16,
  fmaShares: [0.44, 0.94], headsOutShare: 0.2, attendMin: 256,
};

/**
 * Changes some of the tuning (for benchmarks and tests); returns the previous values of what changed.
 *
 * @example
 * const old = setTuning({ softmaxMin: 1 });
 * setTuning(old).softmaxMin; // => 1
 */
export function setTuning(t: Partial<Tuning>): Partial<Tuning> {
  const old = Object.fromEntries(Object.keys(t).map((k) => [k, tuning[k as keyof Tuning]])) as Partial<Tuning>;
  for (const [k, v] of Object.entries(t)) {
    const ok = Array.isArray(v) ? v.length === 2 && v.every((x) => x >= 0 && x <= 1) && v[0] <= v[1]
      : k === "kc" || k === "mcp" ? Number.isInteger(v) && (v as number) >= 1 // a cache block of 0 never ends
      : Number.isFinite(v) && (v as number) >= 0;
    if (!(k in tuning) || !ok) throw new Error(`setTuning: ${k} = ${JSON.stringify(v)} is not a known, valid setting`);
  }
  Object.assign(tuning, t);
  return old;
}
