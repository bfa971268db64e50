// Reverse-mode autodiff on matrices: a Graph records ops; `graph.backward(loss)` fills every param's grad.
export { Graph, Node, param } from "./graph.js";
export { matmul, add, addBias, sliceCols, concatCols, gatherRows, stackTime } from "./linear.js";
export { sigmoid, tanh, mul, lerp, keepRows } from "./pointwise.js";
export { additiveAttentionStep, dotAttentionStep, type AttentionStep } from "./attention.js";
export { softmaxCrossEntropy } from "./loss.js";
