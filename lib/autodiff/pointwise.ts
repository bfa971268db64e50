// Element-wise ops. Each keeps what its backward needs (the output for sigmoid and tanh).
import { Graph, Node } from "./graph.js";

function unary(g: Graph, X: Node, f: (x: number) => number, dfFromOut: (y: number) => number): Node {
  const y = g.matrix(X.rows, X.cols);
  for (let i = 0; i < y.data.length; i++) y.data[i] = f(X.value.data[i]);
  return g.result(y, [X], (o) => {
    const d = X.g();
    for (let i = 0; i < d.length; i++) d[i] += o.grad![i] * dfFromOut(y.data[i]);
  });
}

/** σ(x) = 1 / (1 + e^−x); σ' = σ(1 − σ). */
export function sigmoid(g: Graph, X: Node): Node {
  return unary(g, X, (x) => 1 / (1 + Math.exp(-x)), (y) => y * (1 - y));
}

/** tanh(x); tanh' = 1 − tanh². */
export function tanh(g: Graph, X: Node): Node {
  return unary(g, X, Math.tanh, (y) => 1 - y * y);
}

/** A ⊙ B (same shape). */
export function mul(g: Graph, A: Node, B: Node): Node {
  const out = g.matrix(A.rows, A.cols);
  for (let i = 0; i < out.data.length; i++) out.data[i] = A.value.data[i] * B.value.data[i];
  return g.result(out, [A, B], (o) => {
    if (A.requiresGrad) { const d = A.g(); for (let i = 0; i < d.length; i++) d[i] += o.grad![i] * B.value.data[i]; }
    if (B.requiresGrad) { const d = B.g(); for (let i = 0; i < d.length; i++) d[i] += o.grad![i] * A.value.data[i]; }
  });
}

/** a + z ⊙ (b − a): the GRU's state update with a = h, b = h̃, z the update gate. */
export function lerp(g: Graph, A: Node, B: Node, Z: Node): Node {
  const out = g.matrix(A.rows, A.cols);
  const a = A.value.data, b = B.value.data, z = Z.value.data;
  for (let i = 0; i < out.data.length; i++) out.data[i] = a[i] + z[i] * (b[i] - a[i]);
  return g.result(out, [A, B, Z], (o) => {
    const d = o.grad!;
    if (A.requiresGrad) { const da = A.g(); for (let i = 0; i < d.length; i++) da[i] += d[i] * (1 - z[i]); }
    if (B.requiresGrad) { const db = B.g(); for (let i = 0; i < d.length; i++) db[i] += d[i] * z[i]; }
    if (Z.requiresGrad) { const dz = Z.g(); for (let i = 0; i < d.length; i++) dz[i] += d[i] * (b[i] - a[i]); }
  });
}

/** Row i is New's where keep[i] else Old's: padded steps leave a sequence's state unchanged. */
export function keepRows(g: Graph, New: Node, Old: Node, keep: ArrayLike<boolean>): Node {
  const m = New.cols, out = g.matrix(New.rows, m);
  for (let i = 0; i < New.rows; i++) out.data.set((keep[i] ? New : Old).value.data.subarray(i * m, (i + 1) * m), i * m);
  return g.result(out, [New, Old], (o) => {
    for (let i = 0; i < New.rows; i++) {
      const target = keep[i] ? New : Old;
      if (!target.requiresGrad) continue;
      const d = target.g();
      for (let j = 0; j < m; j++) d[i * m + j] += o.grad![i * m + j];
    }
  });
}
