// Linear ops: matmul, sums, bias, column slices and concatenation, row gathers (embeddings), time stacking.
import { Matrix } from "../matrix.js";
import { product } from "../matmul.js";
import { backend } from "../backend/index.js";
import { Graph, Node } from "./graph.js";

/** A·B: (n, k)·(k, m) → (n, m). */
export function matmul(g: Graph, A: Node, B: Node): Node {
  if (A.cols !== B.rows) throw new Error(`autodiff.matmul: a is ${A.value.shape}, b is ${B.value.shape}; inner dimensions differ`);
  return g.result(product(A.value, B.value), [A, B], (C) => {
    const dC = new Matrix(C.rows, C.cols, C.grad!);
    // the backend reads the transposed operand in place and adds the product into the gradient
    if (A.requiresGrad) backend().productTo(dC, B.value, false, true, A.g(), true); // dA += dC·Bᵀ (n, k)
    if (B.requiresGrad) backend().productTo(A.value, dC, true, false, B.g(), true); // dB += Aᵀ·dC (k, m)
  });
}

/**
 * X·W + b, a layer: (n, k)·(k, m) + (1, m) → (n, m). The same values and gradients as addBias(matmul(X, W), b)
 * as one op: the backend adds the bias, and each gradient, as it writes the product out (no matrix between).
 */
export function linear(g: Graph, X: Node, W: Node, b: Node): Node {
  const n = X.rows, m = W.cols;
  if (X.cols !== W.rows || b.rows !== 1 || b.cols !== m) throw new Error(`autodiff.linear: x is ${X.value.shape}, w is ${W.value.shape}, bias is ${b.value.shape}; expected (n, k), (k, m), (1, m)`);
  const out = g.matrix(n, m, false);
  backend().productTo(X.value, W.value, false, false, out.data, false, b.value.data); // (n, m)
  return g.result(out, [X, W, b], (o) => {
    const dY = new Matrix(n, m, o.grad!);
    if (X.requiresGrad) backend().productTo(dY, W.value, false, true, X.g(), true); // dX += dY·Wᵀ (n, k)
    if (W.requiresGrad) backend().productTo(X.value, dY, true, false, W.g(), true); // dW += Xᵀ·dY (k, m)
    if (b.requiresGrad) backend().addColumnSums(dY, b.g()); // db += Σ_rows dY (1, m)
  });
}

/** o = (0 + a) + b, element-wise: add's sum into zeros (0 + a turns −0 into +0), shared with addLayerNorm. */
export function sumInto(o: Float64Array, a: Float64Array, b: Float64Array): void {
  for (let i = 0; i < o.length; i++) o[i] = 0 + a[i] + b[i];
}

/** Sum of same-shape matrices. */
export function add(g: Graph, ...xs: Node[]): Node {
  if (xs.length === 0) throw new Error("autodiff.add: nothing to add (it takes one or more nodes of one shape)");
  const { rows, cols } = xs[0];
  for (const x of xs) if (x.rows !== rows || x.cols !== cols) throw new Error(`autodiff.add: shapes differ: ${xs.map((n) => n.value.shape).join(", ")}`);
  const out = g.matrix(rows, cols, false), o = out.data, [a, b] = xs.map((x) => x.value.data);
  // ((0 + a) + b) + …: the sum into zeros, in one pass for the first two
  if (b) sumInto(o, a, b);
  else for (let i = 0; i < o.length; i++) o[i] = 0 + a[i];
  for (const x of xs.slice(2)) { const v = x.value.data; for (let i = 0; i < o.length; i++) o[i] += v[i]; }
  return g.result(out, xs, (o) => {
    const dy = o.grad!;
    for (const x of xs) if (x.requiresGrad) { const d = x.g(); for (let i = 0; i < d.length; i++) d[i] += dy[i]; }
  });
}

/** X + b on every row: (n, m) + (1, m) → (n, m). */
export function addBias(g: Graph, X: Node, b: Node): Node {
  const { rows: n, cols: m } = X;
  if (b.rows !== 1 || b.cols !== m) throw new Error(`autodiff.addBias: x is ${X.value.shape}, bias is ${b.value.shape}; expected (1, ${m})`);
  const out = g.matrix(n, m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out.data[i * m + j] = X.value.data[i * m + j] + b.value.data[j];
  return g.result(out, [X, b], (o) => {
    if (X.requiresGrad) { const d = X.g(); for (let i = 0; i < d.length; i++) d[i] += o.grad![i]; }
    if (b.requiresGrad) { const d = b.g(); for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) d[j] += o.grad![i * m + j]; }
  });
}

/** Columns [from, to) of X: (n, m) → (n, to − from). */
export function sliceCols(g: Graph, X: Node, from: number, to: number): Node {
  const { rows: n, cols: m } = X, w = to - from;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || from > to || to > m) throw new Error(`autodiff.sliceCols: columns [${from}, ${to}) of x ${X.value.shape} need 0 ≤ from ≤ to ≤ ${m}`);
  const out = g.matrix(n, w);
  for (let i = 0; i < n; i++) out.data.set(X.value.data.subarray(i * m + from, i * m + to), i * w);
  return g.result(out, [X], (o) => {
    const d = X.g();
    for (let i = 0; i < n; i++) for (let j = 0; j < w; j++) d[i * m + from + j] += o.grad![i * w + j];
  });
}

/** [A | B | …] side by side: (n, a) ⊕ (n, b) → (n, a + b). */
export function concatCols(g: Graph, ...xs: Node[]): Node {
  const n = xs[0].rows, m = xs.reduce((s, x) => s + x.cols, 0);
  const out = g.matrix(n, m);
  let off = 0;
  for (const x of xs) {
    if (x.rows !== n) throw new Error(`autodiff.concatCols: row counts differ: ${xs.map((v) => v.value.shape).join(", ")}`);
    for (let i = 0; i < n; i++) out.data.set(x.value.data.subarray(i * x.cols, (i + 1) * x.cols), i * m + off);
    off += x.cols;
  }
  return g.result(out, xs, (o) => {
    let at = 0;
    for (const x of xs) {
      if (x.requiresGrad) { const d = x.g(); for (let i = 0; i < n; i++) for (let j = 0; j < x.cols; j++) d[i * x.cols + j] += o.grad![i * m + at + j]; }
      at += x.cols;
    }
  });
}

/** Rows ids[i] of E: an embedding lookup, (V, d) → (ids.length, d). */
export function gatherRows(g: Graph, E: Node, ids: ArrayLike<number>): Node {
  const d = E.cols, out = g.matrix(ids.length, d, false);
  for (let i = 0; i < ids.length; i++) {
    if (!Number.isInteger(ids[i]) || ids[i] < 0 || ids[i] >= E.rows) throw new Error(`autodiff.gatherRows: id ${ids[i]} at ${i} is not a row of the table ${E.value.shape}`);
  }
  for (let i = 0; i < ids.length; i++) out.data.set(E.value.data.subarray(ids[i] * d, (ids[i] + 1) * d), i * d);
  return g.result(out, [E], (o) => {
    const dE = E.g();
    for (let i = 0; i < ids.length; i++) for (let j = 0; j < d; j++) dE[ids[i] * d + j] += o.grad![i * d + j];
  });
}

/** Stacks T matrices (B, d) into (B·T, d) with row b·T + t, so row blocks are per sequence. */
export function stackTime(g: Graph, xs: Node[]): Node {
  const T = xs.length, B = xs[0].rows, d = xs[0].cols;
  const out = g.matrix(B * T, d);
  xs.forEach((x, t) => { for (let b = 0; b < B; b++) out.data.set(x.value.data.subarray(b * d, (b + 1) * d), (b * T + t) * d); });
  return g.result(out, xs, (o) => {
    xs.forEach((x, t) => {
      if (!x.requiresGrad) return;
      const dx = x.g();
      for (let b = 0; b < B; b++) for (let j = 0; j < d; j++) dx[b * d + j] += o.grad![(b * T + t) * d + j];
    });
  });
}
