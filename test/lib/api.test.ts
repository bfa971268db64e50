// The contract of shared/API.md: every listed export exists with the right kind.
import test from "ava";
import * as lib from "../../lib/index.js";

const functions = ["dot", "cosineSimilarity", "softmax", "scaledDotProductAttention", "multiHeadAttention", "additiveAttention", "positionalEncoding",
  "layerNorm", "feedForward", "transformerEncoderLayer", "transformerDecoderLayer", // the Transformer layer section
  "Seq2Seq", "translateWithAttention"]; // lesson 04's translator and its ablation

test("every API.md export is present", (t) => {
  t.is(typeof lib.Matrix, "function");
  t.is(typeof lib.Matrix.from, "function");
  for (const name of functions) t.is(typeof (lib as Record<string, unknown>)[name], "function", name);
});

test("every function that returns a matrix returns a Matrix", (t) => {
  const x = [[1, 2], [3, 4]];
  const I = [[1, 0], [0, 1]];
  t.true(lib.softmax(x) instanceof lib.Matrix);
  t.true(lib.scaledDotProductAttention(x, x, x).output instanceof lib.Matrix);
  t.true(lib.multiHeadAttention(x, x, x, { numHeads: 1, wq: I, wk: I, wv: I, wo: I }).weights[0] instanceof lib.Matrix);
  t.true(lib.additiveAttention(x, x, x, { wq: I, wk: I, wv: [1, 1] }).output instanceof lib.Matrix);
  t.true(lib.positionalEncoding(2, 2) instanceof lib.Matrix);
  t.true(lib.layerNorm(x) instanceof lib.Matrix);
  t.true(lib.feedForward(x, { w1: I, w2: I }) instanceof lib.Matrix);
  const attn = { numHeads: 1, wq: I, wk: I, wv: I, wo: I };
  t.true(lib.transformerEncoderLayer(x, { attn, ffn: { w1: I, w2: I } }).output instanceof lib.Matrix);
  t.true(lib.transformerDecoderLayer(x, x, { selfAttn: attn, crossAttn: attn, ffn: { w1: I, w2: I } }).output instanceof lib.Matrix);
});
