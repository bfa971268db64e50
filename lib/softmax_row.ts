// The masked softmax of one row, the loop every softmax in lib runs (softmax, attention, the autodiff ops and
// the loss), so all of them give the same bits: max over the kept entries, exp(x − max), sum in order, divide.

/**
 * Softmax of x[off … off + m) into out[off …) (out may be x), keeping entry j where `keep` is absent or
 * keep[keepOff + j] is truthy; the others get exactly 0. Returns false, writing nothing, when no kept entry
 * exceeds −∞ (the weights would be 0/0): the caller throws, naming itself.
 *
 * @example
 * const w = new Float64Array(2);
 * softmaxRow([0, Math.log(3)], w, 0, 2); // => true
 * Array.from(w); // => [0.25, 0.75]
 */
export function softmaxRow(x: ArrayLike<number>, out: Float64Array, off: number, m: number, keep?: ArrayLike<boolean | number>, keepOff = off): boolean {
  let max = -Infinity;
  for (let j = 0; j < m; j++) if (!keep || keep[keepOff + j]) max = Math.max(max, x[off + j]);
  if (max === -Infinity) return false;
  let sum = 0;
  for (let j = 0; j < m; j++) {
    const e = !keep || keep[keepOff + j] ? Math.exp(x[off + j] - max) : 0;
    out[off + j] = e;
    sum += e;
  }
  for (let j = 0; j < m; j++) out[off + j] /= sum;
  return true;
}
