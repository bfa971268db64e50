// Softmax cross-entropy, fused: the gradient of the mean loss w.r.t. the logits is (softmax − one-hot) / n.
import { Matrix } from "../matrix.js";
import { softmaxRow } from "../softmax_row.js";
import { Graph, Node } from "./graph.js";

/** Mean over rows of −log softmax(logits)[target]: (n, V) with n targets → scalar (1, 1). `scale` divides further (e.g. by steps). */
export function softmaxCrossEntropy(g: Graph, logits: Node, targets: ArrayLike<number>, scale = 1): Node {
  const { rows: n, cols: V } = logits;
  if (targets.length !== n) throw new Error(`autodiff.softmaxCrossEntropy: logits are ${logits.value.shape} but there are ${targets.length} targets`);
  const p = g.matrix(n, V).data, x = logits.value.data;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    if (!softmaxRow(x, p, i * V, V)) throw new Error(`autodiff.softmaxCrossEntropy: row ${i} of the logits ${logits.value.shape} is all −∞`);
    loss -= Math.log(p[i * V + targets[i]]);
  }
  const k = 1 / (n * scale);
  return g.result(new Matrix(1, 1, Float64Array.of(loss * k)), [logits], (o) => {
    const d = logits.g(), up = o.grad![0] * k;
    for (let i = 0; i < n; i++) for (let j = 0; j < V; j++) d[i * V + j] += up * (p[i * V + j] - (j === targets[i] ? 1 : 0));
  });
}
