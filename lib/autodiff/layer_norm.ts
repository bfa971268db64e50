// Layer norm with learned gamma and beta; the forward is lib's (same stable row statistics, same rounding).
// addLayerNorm is the post-norm residual, the paper's "Add & Norm", as one op.
import { Matrix } from "../matrix.js";
import { standardizeRows } from "../transformer/layer_norm.js";
import { Graph, Node } from "./graph.js";
import { sumInto } from "./linear.js";

/**
 * Per row (x − mean) / √(var + eps) · gamma + beta: X (n, d), gamma and beta (1, d) → (n, d).
 * Backward per row, with x̂ the standardised row and u = dy ⊙ gamma:
 * dx = inv · (u − mean(u) − x̂ · mean(u ⊙ x̂)); dgamma = Σ_rows dy ⊙ x̂; dbeta = Σ_rows dy.
 */
export function layerNorm(g: Graph, X: Node, gamma: Node, beta: Node, eps = 1e-5): Node {
  return normalize(g, X.value, [X], gamma, beta, eps, "autodiff.layerNorm", "x");
}

/**
 * LN(x + y) with x, y (n, d): the same bits as layerNorm(add(x, y)), without the sum's node and its gradient
 * (fewer passes over (n, d) each way, and less memory). dx and dy both receive the sum's gradient.
 */
export function addLayerNorm(g: Graph, X: Node, Y: Node, gamma: Node, beta: Node, eps = 1e-5): Node {
  if (X.rows !== Y.rows || X.cols !== Y.cols) throw new Error(`autodiff.addLayerNorm: x is ${X.value.shape} but y is ${Y.value.shape}; they must have the same shape`);
  const S = g.matrix(X.rows, X.cols, false); // (n, d)
  sumInto(S.data, X.value.data, Y.value.data); // add's own sum, so the bits are add's
  return normalize(g, S, [X, Y], gamma, beta, eps, "autodiff.addLayerNorm", "x + y");
}

/** Layer norm of S, whose gradient goes to each of `inputs` (S is their sum, or the one input's value). */
function normalize(g: Graph, S: Matrix, inputs: Node[], gamma: Node, beta: Node, eps: number, fn: string, xName: string): Node {
  const { rows: n, cols: d } = S;
  for (const [name, v] of [["gamma", gamma], ["beta", beta]] as const) {
    if (v.rows !== 1 || v.cols !== d) throw new Error(`${fn}: ${name} is ${v.value.shape} but ${xName} is ${S.shape}; expected (1, ${d})`);
  }
  const out = g.matrix(n, d, false), ga = gamma.value.data;
  const into = { xhat: g.matrix(n, d, false), inv: g.matrix(1, n, false).data, affine: { gamma: ga, beta: beta.value.data, y: out.data } };
  const { xhat, inv } = standardizeRows(S, eps, fn, { x: xName, eps: "eps" }, into), xh = xhat.data; // (n, d)
  return g.result(out, [...inputs, gamma, beta], (o) => {
    const dy = o.grad!, dG = gamma.requiresGrad ? gamma.g() : null, dB = beta.requiresGrad ? beta.g() : null;
    const dIn = inputs.filter((x) => x.requiresGrad).map((x) => x.g()), [d0, d1] = dIn, sum = inputs.length > 1;
    for (let i = 0, k = 0; i < n; i++, k += d) { // k: row i's offset
      let mu = 0, mux = 0;
      for (let j = 0; j < d; j++) {
        const t = dy[k + j], h = xh[k + j], u = t * ga[j];
        mu += u; mux += u * h;
        if (dG) dG[j] += t * h;
        if (dB) dB[j] += t;
      }
      if (!d0) continue;
      mu /= d; mux /= d;
      const r = inv[i];
      for (let j = 0; j < d; j++) {
        const v = r * (dy[k + j] * ga[j] - mu - xh[k + j] * mux);
        if (!sum) { d0[k + j] += v; continue; }
        const ds = 0 + v; // the sum's gradient as add would have read it: accumulated into zeros
        d0[k + j] += ds;
        if (d1) d1[k + j] += ds;
      }
    }
  });
}
