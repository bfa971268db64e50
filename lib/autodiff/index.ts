// Reverse-mode autodiff on matrices: a Graph records ops; `graph.backward(loss)` fills every param's grad.
export { Graph, Node, Arena, param } from "./graph.js";
export { matmul, linear, add, addBias, sliceCols, concatCols, gatherRows, stackTime } from "./linear.js";
export { sigmoid, tanh, mul, lerp, keepRows } from "./pointwise.js";
export { gruCell } from "./gru_cell.js";
export { additiveAttentionStep, dotAttentionStep, type AttentionStep } from "./attention.js";
export { softmaxCrossEntropy } from "./loss.js";
export { relu } from "./relu.js";
export { layerNorm, addLayerNorm } from "./layer_norm.js";
export { attendHeads, type HeadsOptions, type HeadsResult } from "./attend_heads.js";
export { initMha, initFfn, initNorm, keysValues, mhaBlock, ffnBlock, residualBlock, mhaParams, ffnParams, normParams, paramNodes, type MhaNodes, type FfnNodes, type NormNodes } from "./transformer_blocks.js";
export { initEncoderLayer, initDecoderLayer, encoderLayer, decoderLayer, encoderLayerParams, decoderLayerParams, type EncoderLayerNodes, type DecoderLayerNodes } from "./transformer_layers.js";
