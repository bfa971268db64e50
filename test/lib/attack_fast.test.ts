// Attacks on the fast training path (issue 23): each test is one finding, the smallest reproduction found;
// all seven failed on 8cf707b and were fixed after (regressions now). Tolerance: 0 (Object.is per entry) wherever two results are compared,
// as the backends claim the same bits. Serial: the tests switch the backend.
import test from "ava";
import { Matrix, Rng, randomNormal, useBackend, type BackendName } from "../../lib/index.js";
import { backend } from "../../lib/backend/index.js";
import { productToWasm } from "../../lib/backend/wasm/product_to.js";
import { fitsWasm } from "../../lib/backend/wasm/wasm.js";
import { setTuning, type Tuning } from "../../lib/backend/wasm/tuning.js";
import * as ad from "../../lib/autodiff/index.js";

const firstDiff = (a: Float64Array, b: Float64Array) => (a.length !== b.length ? -2 : a.findIndex((v, i) => !Object.is(v, b[i])));
const on = <T>(name: BackendName, f: () => T): T => {
  const before = useBackend(name);
  try { return f(); } finally { useBackend(before); }
};

// Severity: exotic (operands of ~1 GiB). fitsWasm(n, 2·m, k) is checked, but productToWasm then reserves
// C, packB's copy of A (k·n4, larger than the 2·m room counted when n ≫ m) and the epilogue's n·m: past 2 GiB,
// memory.grow throws a RangeError instead of the documented "false, doing nothing" (so no readable fallback).
// A's pages are never touched (calloc'd zeros), so this costs ~10 ms and ~100 MiB.
test.serial("productToWasm returns false, not a RangeError, when the operands pass fitsWasm but its scratch does not fit", (t) => {
  const n = 2_500_000, k = 64, m = 2;
  t.true(fitsWasm(n, 2 * m, k), "the check productToWasm makes passes");
  const A = new Matrix(n, k, new Float64Array(n * k)), B = new Matrix(k, m, new Float64Array(k * m));
  let r: boolean | string;
  try { r = productToWasm(A, B, false, false, new Float64Array(n * m), false); } catch (e) { r = `${(e as Error).constructor.name}: ${(e as Error).message}`; }
  t.is(r, false);
  const At = new Matrix(k, n, A.data); // Xᵀ·dY, the gradient's path
  try { r = productToWasm(At, B, true, false, new Float64Array(n * m), true); } catch (e) { r = `${(e as Error).constructor.name}: ${(e as Error).message}`; }
  t.is(r, false);
});

// Severity: a diverging run only (∞ or NaN in an activation or a gradient). The readable backend's transposed
// products go through lib's public `transpose`, which refuses non-finite entries; the wasm one computes IEEE
// values above productMin (below it, it falls back to the readable loops and throws too). So the same
// training step throws "transpose: x of shape (8, 8) has Infinity …" on one backend (naming neither
// autodiff.linear nor the step) and gives NaN weights on the other. (Inherited from `product`, pre-4f8c539.)
test.serial("a linear layer's backward with ∞ in x gives the same gradients on both backends (the readable one throws from transpose)", (t) => {
  const rng = new Rng(1), X0 = randomNormal(8, 8, { rng }), W0 = randomNormal(8, 8, { rng }), b0 = randomNormal(1, 8, { rng });
  X0.data[0] = Infinity;
  const run = (): Float64Array[] | string => {
    const X = ad.param(X0), W = ad.param(W0), b = ad.param(b0);
    const g = new ad.Graph(), y = ad.linear(g, X, W, b), loss = ad.softmaxCrossEntropy(g, y, [0, 1, 2, 3, 4, 5, 6, 7]);
    try { g.backward(loss); } catch (e) { return (e as Error).message; }
    return [y.value.data, W.grad!, b.grad!];
  };
  const wasm = on("wasm", run), readable = on("readable", run);
  t.false(typeof wasm === "string", "the wasm backend computes the gradients");
  t.false(typeof readable === "string", `the readable backend threw: ${readable}`);
  if (typeof wasm !== "string" && typeof readable !== "string") wasm.forEach((v, i) => t.is(firstDiff(v, readable[i]), -1));
});

// Severity: only a caller's bug, but silent. gatherRows does not check ids; an id ≥ rows copies nothing into
// its row. With a fresh graph that row was zeros (silently); on arena memory (g.matrix(…, false), shardStep's
// arena) it is whatever the last step left there, e.g. NaN: the same call gives different values by graph.
test.serial("gatherRows refuses an id outside the table, naming autodiff.gatherRows (on arena memory it reads garbage)", (t) => {
  const E = ad.param(randomNormal(3, 4, { rng: new Rng(2) }));
  const arena = new ad.Arena();
  arena.take(1 << 20, false).fill(NaN);
  arena.release();
  const got = (g: ad.Graph) => { try { return Array.from(ad.gatherRows(g, E, [0, 5]).value.data.subarray(4)); } catch (e) { return (e as Error).message; } };
  const fresh = got(new ad.Graph()), reused = got(new ad.Graph(true, arena));
  t.regex(String(fresh), /autodiff\.gatherRows/, `fresh graph: ${JSON.stringify(fresh)}`);
  t.regex(String(reused), /autodiff\.gatherRows/, `arena graph: ${JSON.stringify(reused)}`);
});

// Severity: a caller's bug made worse. sliceCols does not check from ≤ to; g.matrix then asks the arena for a
// negative length, which moves its bump pointer BACK before the Matrix constructor throws (an error naming
// "Matrix", not autodiff.sliceCols). A caller that catches it and goes on gets its next array on top of one
// still live: here a relu's output is zeroed by the next g.matrix. Without an arena nothing is corrupted.
test.serial("a refused sliceCols names autodiff.sliceCols and leaves the arena's live arrays alone", (t) => {
  const arena = new ad.Arena(), g = new ad.Graph(true, arena);
  const X = ad.param(Matrix.from([[1, 2, 3, 4], [5, 6, 7, 8]]));
  const y = ad.relu(g, X); // (2, 4), in the arena
  const err = t.throws(() => ad.sliceCols(g, X, 3, 1));
  g.matrix(2, 4); // the next op's result
  t.deepEqual(Array.from(y.value.data), [1, 2, 3, 4, 5, 6, 7, 8], "relu's output was overwritten");
  t.regex(err?.message ?? "", /autodiff\.sliceCols/);
  t.throws(() => arena.take(-2), undefined, "Arena.take accepts a negative length");
});

// Severity: exotic, no lib caller does this (autodiff's biases are params, never views of a fresh result).
// Backend.productTo does not say its arrays must not overlap: with the bias a view of out's first row, the
// readable loop reads rows of out it has already written (bias + P, row 0 first), the wasm backend copies the
// bias in before writing. Different bits; either the contract forbids it or both should agree.
test.serial("productTo with the bias a view of out gives the same bits on both backends", (t) => {
  const A = randomNormal(8, 8, { rng: new Rng(3) }), B = randomNormal(8, 8, { rng: new Rng(4) });
  const run = () => { const out = new Float64Array(64).fill(1); backend().productTo(A, B, false, false, out, false, out.subarray(0, 8)); return out; };
  t.is(firstDiff(on("readable", run), on("wasm", run)), -1);
});

// Severity: exotic (tuning experiments only), but a hang. setTuning accepts any finite value ≥ 0, and with
// kc = 0 or mcp = 0 the blocked kernel never advances: productTo(A, B, true, …), the Xᵀ·dY of every linear
// layer's and matmul's backward, loops forever (measured: a 16×16 call still running after 20 s; the plain
// product's kernel takes the same two values and hangs too, so this predates 4f8c539). Checked without running a product.
test.serial("setTuning refuses a cache block of 0 (kc, mcp), which would make the blocked kernel loop forever", (t) => {
  for (const key of ["kc", "mcp"] as const) {
    let old: Partial<Tuning> | undefined;
    try {
      t.throws(() => { old = setTuning({ [key]: 0 }); }, { message: new RegExp(`setTuning: ${key}`) });
    } finally {
      if (old) setTuning(old);
    }
  }
});

// Severity: a caller's bug; attendHeads checks that B divides the row counts, not that B is a positive integer:
// B = 0.5 runs (sequences of twice the rows, on a mask of half the length), B = −1 throws a RangeError from
// the Uint8Array constructor that names neither the function nor the shapes.
test.serial("attendHeads refuses a B that is not a positive integer, naming autodiff.attendHeads and the shapes", (t) => {
  const Q = ad.param(randomNormal(4, 4, { rng: new Rng(5) }));
  for (const B of [0.5, -1]) {
    t.throws(() => ad.attendHeads(new ad.Graph(), Q, Q, Q, { numHeads: 2, B }), { message: /autodiff\.attendHeads: .*\(4, 4\)/ }, `B = ${B}`);
  }
});
