// ReLU, the Transformer feed-forward's non-linearity.
import { Graph, Node } from "./graph.js";

/** max(0, x) element-wise; the gradient passes where x > 0 (0 at the kink, as in torch). */
export function relu(g: Graph, X: Node): Node {
  const y = g.matrix(X.rows, X.cols);
  for (let i = 0; i < y.data.length; i++) y.data[i] = X.value.data[i] > 0 ? X.value.data[i] : 0;
  return g.result(y, [X], (o) => {
    const d = X.g();
    for (let i = 0; i < d.length; i++) if (y.data[i] > 0) d[i] += o.grad![i];
  });
}
