// Layer norm with learned gamma and beta; the forward is lib's (same stable row statistics, same rounding).
import { standardizeRows } from "../transformer/layer_norm.js";
import { Graph, Node } from "./graph.js";

/**
 * Per row (x − mean) / √(var + eps) · gamma + beta: X (n, d), gamma and beta (1, d) → (n, d).
 * Backward per row, with x̂ the standardised row and u = dy ⊙ gamma:
 * dx = inv · (u − mean(u) − x̂ · mean(u ⊙ x̂)); dgamma = Σ_rows dy ⊙ x̂; dbeta = Σ_rows dy.
 */
export function layerNorm(g: Graph, X: Node, gamma: Node, beta: Node, eps = 1e-5): Node {
  const { rows: n, cols: d } = X;
  for (const [name, v] of [["gamma", gamma], ["beta", beta]] as const) {
    if (v.rows !== 1 || v.cols !== d) throw new Error(`autodiff.layerNorm: ${name} is ${v.value.shape} but x is ${X.value.shape}; expected (1, ${d})`);
  }
  const out = g.matrix(n, d, false), ga = gamma.value.data;
  const into = { xhat: g.matrix(n, d, false), inv: g.matrix(1, n, false).data, affine: { gamma: ga, beta: beta.value.data, y: out.data } };
  const { xhat, inv } = standardizeRows(X.value, eps, "autodiff.layerNorm", "eps", into), xh = xhat.data; // (n, d)
  return g.result(out, [X, gamma, beta], (o) => {
    const dy = o.grad!;
    const dX = X.requiresGrad ? X.g() : null, dG = gamma.requiresGrad ? gamma.g() : null, dB = beta.requiresGrad ? beta.g() : null;
    for (let i = 0, k = 0; i < n; i++, k += d) { // k: row i's offset
      let mu = 0, mux = 0;
      for (let j = 0; j < d; j++) {
        const t = dy[k + j], h = xh[k + j], u = t * ga[j];
        mu += u; mux += u * h;
        if (dG) dG[j] += t * h;
        if (dB) dB[j] += t;
      }
      if (!dX) continue;
      mu /= d; mux /= d;
      const r = inv[i];
      for (let j = 0; j < d; j++) dX[k + j] += r * (dy[k + j] * ga[j] - mu - xh[k + j] * mux);
    }
  });
}
