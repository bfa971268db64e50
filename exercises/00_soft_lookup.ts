// Your exercise file: replace each `throw new Error("not implemented yet: …")` with your code.
// Check your work with `npm run grade`. (Generated from solutions/00_soft_lookup.ts by `npm run generate`.)
// Exercises for notebook 00 · attention as a soft lookup. Plain arrays in, plain arrays out.
// Allowed imports: none — write these from scratch.

/**
 * 0.1 · softLookup (2 points). A dictionary lookup made soft: score the query against every key with the
 * dot product, divide by the temperature, softmax the scores into weights, and return the weighted mix of
 * the values, Σ_i w_i·values[i] (a vector as long as one value). keys: n × d, values: n × dV, temperature > 0.
 * Stable: subtract the largest scaled score before exp (a temperature of 1e-6 must not give NaN).
 * Example: softLookup([1, 0], [[1, 0], [0, 1]], [[10], [20]], 1) → [12.689…]
 */
export function softLookup(query: number[], keys: number[][], values: number[][], temperature: number): number[] {
  throw new Error("not implemented yet: softLookup (exercises/00_soft_lookup.ts)");
}

/**
 * 0.2 · nadarayaWatson (2 points). Kernel regression as attention: for each query x in xQuery, the weights
 * are softmax_i(−(x − xTrain[i])² / (2·bandwidth²)) and the estimate is Σ_i w_i·yTrain[i]. Return one
 * estimate per query. Stable: a query far from every training point (all kernels underflow to 0 when
 * computed naively) still gets the y of its nearest training points.
 * Example: nadarayaWatson([0, 1], [0, 10], [0.5], 1) → [5]
 */
export function nadarayaWatson(xTrain: number[], yTrain: number[], xQuery: number[], bandwidth: number): number[] {
  throw new Error("not implemented yet: nadarayaWatson (exercises/00_soft_lookup.ts)");
}
