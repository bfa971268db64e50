import { Matrix, type MatrixLike, toMatrix, toVector } from "../matrix.js";

/** Layer-norm parameters: gamma (scale) and beta (shift) of length d; eps is added to the variance. */
export interface LayerNormParams { gamma?: number[]; beta?: number[]; eps?: number }

/**
 * Layer normalisation, per row: (x − mean) / √(var + eps) · gamma + beta, with the biased variance.
 * Shapes: x (n, d) → (n, d). eps 1e-5, gamma 1 and beta 0 by default: `torch.nn.LayerNorm(d)`.
 * Two passes (the mean, with its rounding remainder, then squared deviations), so rows near ±1e4 with a
 * spread of 1 stay exact.
 *
 * @example
 * layerNorm([[1, 3]], { eps: 0 }).toArray(); // => [[-1, 1]]
 * layerNorm([[1, 3]], { gamma: [2, 2], beta: [0, 10], eps: 0 }).toArray(); // => [[-2, 12]]
 * layerNorm([[10000, 10002]], { eps: 0 }).toArray(); // => [[-1, 1]]
 */
export function layerNorm(x: MatrixLike, p: LayerNormParams = {}): Matrix {
  return layerNormRows(toMatrix(x, "layerNorm", "x"), p, "layerNorm", "");
}

/**
 * The kernel on a validated X. `fn` is the function the caller called and `prefix` locates p in its
 * arguments (e.g. "norm1."), so errors read `transformerEncoderLayer: norm1.gamma has length 3 …`.
 */
export function layerNormRows(X: Matrix, p: LayerNormParams | undefined, fn: string, prefix: string): Matrix {
  const { rows: n, cols: d } = X;
  const gamma = p?.gamma, beta = p?.beta, eps = p?.eps ?? 1e-5;
  for (const [name, v] of [["gamma", gamma], ["beta", beta]] as const) {
    if (v === undefined) continue;
    toVector(v, fn, prefix + name);
    if (v.length !== d) throw new Error(`${fn}: ${prefix}${name} has length ${v.length} but x is ${X.shape}; it needs length d = ${d}`);
  }
  const out = standardizeRows(X, eps, fn, { x: "x", eps: `${prefix}eps` }).xhat; // (n, d), rows of mean 0 and variance ≈ 1
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) out.data[i * d + j] = out.data[i * d + j] * (gamma ? gamma[j] : 1) + (beta ? beta[j] : 0);
  }
  return out;
}

/**
 * Per row, x̂ = (x − mean) / √(var + eps) and inv = 1 / √(var + eps): the part of layer norm before gamma and
 * beta, shared with the autodiff op (which keeps x̂ and inv for its backward, in its graph's memory: `into`,
 * and has y = x̂ · gamma + beta written row by row while the row is in cache: `into.affine`).
 * `names` says what errors call X and eps (autodiff's addLayerNorm normalises "x + y").
 */
export function standardizeRows(X: Matrix, eps: number, fn: string, names: { x: string; eps: string },
  into: { xhat: Matrix; inv: Float64Array; affine?: { gamma: Float64Array; beta: Float64Array; y: Float64Array } } =
  { xhat: new Matrix(X.rows, X.cols), inv: new Float64Array(X.rows) }): { xhat: Matrix; inv: Float64Array } {
  if (typeof eps !== "number" || !Number.isFinite(eps) || eps < 0) {
    throw new Error(`${fn}: ${names.eps} must be a finite number ≥ 0, got ${eps} (${names.x} is ${X.shape})`);
  }
  const { rows: n, cols: d } = X, { xhat, inv, affine } = into, x = X.data, h = xhat.data;
  for (let i = 0, o = 0; i < n; i++, o += d) { // o: row i's offset
    let mean = 0;
    for (let j = 0; j < d; j++) mean += x[o + j];
    mean /= d;
    // The mean of rows near 1e4 is only known to ulp(1e4) ≈ 2e-12; its remainder `low` is kept apart, and
    // for such rows x − mean is exact (Sterbenz: within a factor 2), so the deviations are right to the last bit.
    let low = 0;
    for (let j = 0; j < d; j++) low += x[o + j] - mean;
    low /= d;
    let variance = 0;
    for (let j = 0; j < d; j++) { const c = x[o + j] - mean - low; variance += c * c; }
    variance /= d;
    if (variance + eps === 0) {
      throw new Error(`${fn}: row ${i} of ${names.x} ${X.shape} is constant and ${names.eps} is 0, so its normalisation is 0/0; use eps > 0`);
    }
    const r = 1 / Math.sqrt(variance + eps);
    inv[i] = r;
    for (let j = 0; j < d; j++) h[o + j] = (x[o + j] - mean - low) * r;
    if (affine) { const { gamma: ga, beta: be, y } = affine; for (let j = 0; j < d; j++) y[o + j] = h[o + j] * ga[j] + be[j]; }
  }
  return { xhat, inv };
}
