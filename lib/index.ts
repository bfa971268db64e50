// The public API of the kit (see shared/API.md). Notebooks, exercises, solutions and tests import from here.
export { Matrix, type MatrixLike, shapeOf } from "./matrix.js";
export { matmul, matmulNaive, matmulTiled } from "./matmul.js";
export { matmulWasm } from "./backend/wasm/index.js";
export { useBackend, type BackendName } from "./backend/index.js";
export { NonFiniteError, NoKeyError } from "./errors.js";
export { transpose } from "./transpose.js";
export { add, sub, hadamard, scale, addRowVector, map } from "./elementwise.js";
export { dot, cosineSimilarity, norm } from "./similarity.js";
export { softmax } from "./softmax.js";
export { causalMask, paddingMask } from "./mask.js";
export { scaledDotProductAttention, type AttentionOptions, type AttentionResult } from "./scaled_dot_product_attention.js";
export { selfAttention, type SelfAttentionParams } from "./self_attention.js";
export { multiHeadAttention, splitHeads, mergeHeads, type MultiHeadParams } from "./multi_head_attention.js";
export { additiveAttention, type AdditiveParams } from "./additive_attention.js";
export { luongAttention, luongScores, type LuongScore } from "./luong_attention.js";
export { positionalEncoding } from "./positional_encoding.js";
export { Rng, randomNormal, randomUniform, xavierUniform, xavierNormal, type RandomSource } from "./random.js";
export { layerNorm, feedForward, transformerEncoderLayer, transformerDecoderLayer } from "./transformer/index.js";
export type { LayerNormParams, FeedForwardParams, EncoderLayerParams, EncoderLayerOptions, DecoderLayerParams, DecoderLayerOptions } from "./transformer/index.js";
// An image as patch tokens, positions on a grid of patches (lesson 06; lib/apps has its models).
export { patchify } from "./patchify.js";
export { gridPositions } from "./grid_positions.js";
// The date translator of lesson 04, and its greedy translation with the attention weights replaced (4.6).
export { Seq2Seq } from "./seq2seq/model.js";
export { translateWithAttention, type Attend, type SavedSeq2Seq } from "./seq2seq/translate_with_attention.js";
