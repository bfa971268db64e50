// One hint per exercise, for a student whose answer is wrong: what to check, and the notebook section that
// explains it. `section` is a heading of the lesson's notebook, word for word (a test checks it);
// `nonFinite` replaces `text` when the answer holds NaN or ±Infinity. `params` names the arguments.
import { caseKey } from "./cases.js";
import type { Exercise } from "./exercises.js";

export interface Hint { params: string[]; section: string; text: string; nonFinite?: string }

const overflow = "large inputs overflow `exp` (e^1000 = Infinity, and Infinity / Infinity = NaN): subtract the row maximum first";

export const hints: Record<string, Hint> = {
  "00_soft_lookup.ts#softLookup": { params: ["query", "keys", "values", "temperature"], section: "A dictionary lookup, made soft",
    text: "score_i = query·keys[i] / temperature, weights = softmax of the scores (they sum to 1), result = Σ_i weights[i]·values[i], one number per column of values",
    nonFinite: "a small temperature makes the scores huge and `exp` overflows: subtract the largest score before `exp`" },
  "00_soft_lookup.ts#nadarayaWatson": { params: ["xTrain", "yTrain", "xQuery", "bandwidth"], section: "The oldest attention: Nadaraya–Watson kernel regression",
    text: "for each query x: score_i = −(x − xTrain[i])² / (2·bandwidth²), weights = softmax of the scores, estimate = Σ_i weights[i]·yTrain[i]",
    nonFinite: "far from every training point all e^score underflow to 0 and 0/0 = NaN: subtract the largest score (the nearest point's) before `exp`" },
  "01_similarity.ts#dot": { params: ["a", "b"], section: "Two ways to score",
    text: "multiply the entries pair by pair and add the products: Σ a_i·b_i is one number" },
  "01_similarity.ts#cosineSimilarity": { params: ["a", "b"], section: "Two ways to score",
    text: "divide a·b by the product of the two lengths, ‖a‖ = √(a·a) and ‖b‖ = √(b·b)",
    nonFinite: "NaN or Infinity means a division by zero: the inputs are never zero vectors, so check the lengths √(a·a) and √(b·b)" },
  "01_similarity.ts#softmax": { params: ["x"], section: "From scores to weights: softmax",
    text: "each row on its own: e^x divided by the sum of that row's e^x, so every row sums to 1", nonFinite: overflow },
  "02_self_attention.ts#causalMask": { params: ["n"], section: "Masks: padding and causality",
    text: "query i may see keys j ≤ i: row i is true up to and including column i, false after it" },
  "02_self_attention.ts#scaledDotProductAttention": { params: ["q", "k", "v", "mask"], section: "Q, K and V, step by step",
    text: "weights = softmax(q·kᵀ / √dK) row by row with dK = the columns of q, masked weights exactly 0; output = weights·v",
    nonFinite: "large scores overflow `exp`: subtract the row maximum over the keys the mask allows before `exp`" },
  "02_self_attention.ts#selfAttentionProjections": { params: ["x", "wq", "wk", "wv"], section: "Q, K and V, step by step",
    text: "each projection is one matrix product with x on the left: q = x·W_Q, k = x·W_K, v = x·W_V" },
  "02_self_attention.ts#maskedSoftmax": { params: ["x", "mask"], section: "Masks: padding and causality",
    text: "entries whose mask is false get weight exactly 0 and take no part in the row's maximum or sum",
    nonFinite: "large inputs overflow `exp`: subtract the largest entry the mask allows in that row first (masked entries take no part)" },
  "02_self_attention.ts#itToStreet": { params: [], section: "What does \"it\" refer to?",
    text: "\"it\" has only the pronoun feature, so its query is row 4 of W_Q; make that row point at a feature \"street\" has more of than any other word (\"wide\" has half of it), and make it large enough to win by a clear margin after the 1/√dK" },
  "02_self_attention.ts#packedCausalMask": { params: ["lengths"], section: "Masks: padding and causality",
    text: "give every token the number of its sentence (0 for the first lengths[0] tokens, …); token i may see token j when both are in the same sentence and j ≤ i" },
  "03_multi_head.ts#splitHeads": { params: ["x", "numHeads"], section: "Splitting $d_{model}$ into heads",
    text: "head h holds columns h·dK … (h+1)·dK − 1 of every row, with dK = columns / numHeads" },
  "03_multi_head.ts#mergeHeads": { params: ["heads"], section: "Concatenation and $W_O$",
    text: "row i of the result is row i of head 0, then row i of head 1, and so on, side by side" },
  "03_multi_head.ts#multiHeadAttention": { params: ["x", "p"], section: "Concatenation and $W_O$",
    text: "project with W_Q, W_K, W_V, split the columns into heads, attend in each head with √dK (dK = dModel / numHeads), merge, then multiply by W_O",
    nonFinite: overflow },
  "03_multi_head.ts#positionalEncoding": { params: ["length", "dModel"], section: "Sinusoidal positional encoding",
    text: "column 2i holds sin(p / 10000^(2i/dModel)) and column 2i+1 the cos of the same angle; positions p start at 0" },
  "03_multi_head.ts#offsetHead": { params: ["n", "dWord", "dPos", "offset"], section: "Heads that look at different things",
    text: "leave the word features out (zero rows), let K read PE_j turned by `offset` steps (one 2 × 2 rotation per sin/cos pair) and Q read PE_i, then scale Q up until the softmax is sharp" },
  "03_multi_head.ts#positionHead": { params: ["n", "dWord", "dPos", "target"], section: "Heads that look at different things",
    text: "K_j = PE_j tells positions apart; the query must be the same for every i and point at PE_target: the last PE column is ≈ 1 at every position, so build Q from it, and scale it up" },
  "04_bahdanau.ts#additiveScore": { params: ["query", "key", "wq", "wk", "wv"], section: "Additive (Bahdanau) against multiplicative (Luong) scores",
    text: "wv · tanh(query·W_q + key·W_k): add the two projections before tanh, then take the dot product with wv" },
  "04_bahdanau.ts#bahdanauContext": { params: ["query", "keys", "wq", "wk", "wv"], section: "Additive (Bahdanau) against multiplicative (Luong) scores",
    text: "score every row of keys with additiveScore, softmax the scores into weights, context = Σ_j weights[j]·keys[j]",
    nonFinite: overflow },
  "04_bahdanau.ts#gruStep": { params: ["x", "h", "p"], section: "The model",
    text: "z and r read the old state h, h̃ reads (r ⊙ h)·U_h, and h' = (1 − z) ⊙ h + z ⊙ h̃ with σ(v) = 1 / (1 + e^(−v))" },
  "04_bahdanau.ts#softmaxBackward": { params: ["y", "dy"], section: "The model",
    text: "dx_i = y_i · (dy_i − Σ_j dy_j·y_j): the sum is one number, shared by every i" },
  "05_transformer.ts#layerNorm": { params: ["x", "gamma", "beta", "eps"], section: "Residual connections and layer norm",
    text: "each row alone: mean first, then the mean of the squared deviations (divide by d, not d − 1); (x − mean) / √(variance + eps), then · gamma[j] + beta[j]" },
  "05_transformer.ts#encoderBlock": { params: ["x", "p"], section: "The encoder block",
    text: "post-norm: add first, normalise after — h = LayerNorm1(x + MultiHead(x, x, x)), out = LayerNorm2(h + FFN(h)), FFN(h) = relu(h·w1 + b1)·w2 + b2, eps 1e-5" },
  "05_transformer.ts#decoderStep": { params: ["x", "memory", "t", "p"], section: "The decoder block: causal self-attention, then cross-attention",
    text: "row t may only see rows 0…t of x (a causal mask, or x.slice(0, t + 1)); then the queries come from h1 and the keys and values from memory; each sub-layer is LayerNorm(input + sub-layer(input))" },
  "05_transformer.ts#dayHead": { params: ["crossWeights", "text"], section: "Cross-attention, head by head",
    text: "find the day's characters in the text first (which field depends on the format), then for every layer and head add the weights of rows 8 and 9 on those columns, and return the largest sum" },
};

/** A notebook heading as plain text: `Splitting $d_{model}$ into heads` → `Splitting d_model into heads`. */
export const plainHeading = (h: string) => h.replace(/\\sqrt/g, "√").replace(/[${}\\]/g, "");

/** The hint line for a wrong (or, with `nonFinite`, NaN/Infinity) answer; names the notebook section. */
export function hintFor(ex: Pick<Exercise, "file" | "name">, nonFinite = false): string {
  const h = hints[caseKey(ex)];
  if (!h) return "";
  return `hint: ${(nonFinite && h.nonFinite) || h.text} → notebook ${ex.file.slice(0, 2)}, "${plainHeading(h.section)}"`;
}
