// ReLU, the Transformer feed-forward's non-linearity.
import { Graph, Node } from "./graph.js";

/** max(0, x) element-wise; the gradient passes where x > 0 (0 at the kink, as in torch). */
export function relu(g: Graph, X: Node): Node {
  const y = g.matrix(X.rows, X.cols, false);
  const x = X.value.data, yd = y.data;
  for (let i = 0; i < yd.length; i++) yd[i] = x[i] > 0 ? x[i] : 0;
  return g.result(y, [X], (o) => {
    const d = X.g(), dy = o.grad!;
    for (let i = 0; i < d.length; i++) if (yd[i] > 0) d[i] += dy[i];
  });
}
