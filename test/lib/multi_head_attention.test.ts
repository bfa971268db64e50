import { eachBackend } from "./each_backend.js";
import { multiHeadAttention, scaledDotProductAttention, splitHeads, mergeHeads, matmul, addRowVector, Matrix, Rng } from "../../lib/index.js";
import { assertClose, randArray, throwsWith } from "../helpers.js";
import { mhaRef } from "../reference.js";

const fn = "multiHeadAttention";
const I2 = [[1, 0], [0, 1]];

eachBackend("hand-computed two heads with identity weights (tol 1e-12)", (t) => {
  // head 0 sees column 0 of q/k: scores [1, 0]; head 1 sees column 1: scores [0, 0]; d_k = 1, no scaling
  const { output, weights } = multiHeadAttention([[1, 0]], [[1, 0], [0, 1]], [[1, 2], [3, 4]], { numHeads: 2, wq: I2, wk: I2, wv: I2, wo: I2 });
  const w = 1 / (1 + Math.exp(-1));
  assertClose(t, weights[0], [[w, 1 - w]], 1e-12);
  assertClose(t, weights[1], [[0.5, 0.5]], 1e-12);
  assertClose(t, output, [[w * 1 + (1 - w) * 3, 3]], 1e-12);
});

eachBackend("agrees with the naive reference, biases, mask and nQ ≠ nK (tol 1e-12)", (t) => {
  const rng = new Rng(21);
  const dModel = 8, numHeads = 4;
  const q = randArray(rng, 3, 5), k = randArray(rng, 6, 7), v = randArray(rng, 6, 4);
  const p = {
    numHeads, wq: randArray(rng, 5, dModel), wk: randArray(rng, 7, dModel), wv: randArray(rng, 4, dModel), wo: randArray(rng, dModel, 3),
    bq: randArray(rng, 1, dModel)[0], bk: randArray(rng, 1, dModel)[0], bv: randArray(rng, 1, dModel)[0], bo: randArray(rng, 1, 3)[0],
  };
  const mask = [[true, true, false, true, false, true], [false, true, true, true, true, true], [true, false, false, false, false, false]];
  const got = multiHeadAttention(q, k, v, p, { mask });
  const ref = mhaRef(q, k, v, p, mask);
  assertClose(t, got.output, ref.output, 1e-12);
  t.is(got.weights.length, numHeads);
  got.weights.forEach((w, h) => assertClose(t, w, ref.weights[h], 1e-12));
});

eachBackend("one head equals scaled dot-product attention on the projections", (t) => {
  const rng = new Rng(22);
  const x = randArray(rng, 4, 6), wq = randArray(rng, 6, 6), wk = randArray(rng, 6, 6), wv = randArray(rng, 6, 6);
  const eye = Array.from({ length: 6 }, (_, i) => Array.from({ length: 6 }, (_, j) => (i === j ? 1 : 0)));
  const bq = [1, 2, 3, 4, 5, 6];
  const got = multiHeadAttention(x, x, x, { numHeads: 1, wq, wk, wv, wo: eye, bq }, { causal: true });
  const ref = scaledDotProductAttention(addRowVector(matmul(x, wq), bq), matmul(x, wk), matmul(x, wv), { causal: true });
  assertClose(t, got.output, ref.output, 1e-12);
  assertClose(t, got.weights[0], ref.weights, 1e-12);
});

eachBackend("causal: every head's upper triangle is 0", (t) => {
  const rng = new Rng(23);
  const x = randArray(rng, 5, 4);
  const p = { numHeads: 2, wq: randArray(rng, 4, 4), wk: randArray(rng, 4, 4), wv: randArray(rng, 4, 4), wo: randArray(rng, 4, 4) };
  for (const w of multiHeadAttention(x, x, x, p, { causal: true }).weights) {
    for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) t.is(w.get(i, j), 0);
  }
});

eachBackend("d_model not divisible by numHeads throws", (t) => {
  const w = randArray(new Rng(24), 2, 6);
  throwsWith(t, () => multiHeadAttention([[1, 2]], [[1, 2]], [[1, 2]], { numHeads: 4, wq: w, wk: w, wv: w, wo: randArray(new Rng(1), 6, 2) }), fn, "d_model = 6", "numHeads = 4", "(2, 6)");
});

eachBackend("mismatched shapes throw with the argument and shapes", (t) => {
  throwsWith(t, () => multiHeadAttention([[1, 2, 3]], [[1, 2]], [[1, 2]], { numHeads: 2, wq: I2, wk: I2, wv: I2, wo: I2 }), fn, "wq", "(1, 3)", "(2, 2)");
  throwsWith(t, () => multiHeadAttention([[1, 2]], [[1, 2]], [[1, 2]], { numHeads: 2, wq: I2, wk: [[1], [1]], wv: I2, wo: I2 }), fn, "wk", "(2, 1)");
  throwsWith(t, () => multiHeadAttention([[1, 2]], [[1, 2]], [[1, 2]], { numHeads: 2, wq: I2, wk: I2, wv: I2, wo: [[1, 2]] }), fn, "wo", "(1, 2)");
  throwsWith(t, () => multiHeadAttention([[1, 2]], [[1, 2]], [[1, 2]], { numHeads: 2, wq: I2, wk: I2, wv: I2, wo: I2, bq: [1] }), fn, "bq", "length 1");
  throwsWith(t, () => multiHeadAttention([[1, 2]], [[1, 2]], [[1, 2], [3, 4]], { numHeads: 2, wq: I2, wk: I2, wv: I2, wo: I2 }), fn, "v", "(2, 2)", "(1, 2)");
  throwsWith(t, () => multiHeadAttention([[1, 2]], [[1, 2]], [[1, 2]], { numHeads: 2, wq: I2, wk: I2, wv: I2, wo: I2 }, { mask: [[false]] }), fn, "row 0");
});

eachBackend("splitHeads and mergeHeads are inverse", (t) => {
  const X = Matrix.from(randArray(new Rng(25), 3, 8));
  const heads = splitHeads(X, 4);
  t.deepEqual(heads.map((h) => h.shape), ["(3, 2)", "(3, 2)", "(3, 2)", "(3, 2)"]);
  t.deepEqual(heads[1].row(0), X.row(0).slice(2, 4));
  t.deepEqual(mergeHeads(heads).toArray(), X.toArray());
  throwsWith(t, () => splitHeads(X, 3), "splitHeads", "(3, 8)", "numHeads = 3");
});
