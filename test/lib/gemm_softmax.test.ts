import test from "ava";
import { Matrix, Rng, randomNormal, softmax, scaledDotProductAttention } from "../../lib/index.js";
import { softmaxRows } from "../../lib/softmax.js";
import { readable, softmaxReadable } from "../../lib/backend/readable/index.js";
import { softmaxWasm } from "../../lib/backend/wasm/softmax.js";
import { attentionWeightsWasm } from "../../lib/backend/wasm/gemm.js";
import { loadWasm, reserve, BASE } from "../../lib/backend/wasm/wasm.js";
import { NoKeyError } from "../../lib/errors.js";
import { throwsWith } from "../helpers.js";

// Tolerance: 0 (bit patterns). The module's exp follows fdlibm's e_exp.c, which V8's Math.exp is, step by
// step with the same IEEE operations, so its relative error against Math.exp is 0, not merely small; the
// softmax around it takes the max, subtracts, sums left to right and divides exactly as the readable loop.
function sameBits(t: import("ava").ExecutionContext, got: ArrayLike<number>, want: ArrayLike<number>, what: string): void {
  t.is(got.length, want.length, what);
  let bad = -1;
  for (let i = 0; i < want.length && bad < 0; i++) if (!Object.is(got[i], want[i])) bad = i;
  t.is(bad, -1, `${what}: entry ${bad} is ${got[bad]}, Math.exp-based reference gives ${want[bad]}`);
}

/** exp of every x in the module, in place (an odd count so the scalar tail runs too). */
function wasmExp(xs: Float64Array): Float64Array {
  const w = loadWasm();
  reserve(w, BASE + xs.length * 8);
  const view = new Float64Array(w.memory.buffer, BASE, xs.length);
  view.set(xs);
  w.exp(BASE, xs.length);
  return view.slice();
}

test("the module's exp gives Math.exp's bits over the whole range, at every branch edge, and for ±∞, NaN, ±0", (t) => {
  const rng = new Rng(41);
  const xs: number[] = [];
  for (let i = 0; i < 200_001; i++) xs.push(rng.uniform(-760, 760)); // overflow above 709.78, 0 below −745.13
  for (let i = 0; i < 100_000; i++) xs.push(rng.uniform(-2, 2), rng.uniform(-1e-7, 1e-7), -rng.uniform(0, 40));
  // random bit patterns: every exponent, subnormals, NaN payloads
  const bits = new Uint32Array(2), f = new Float64Array(bits.buffer);
  for (let i = 0; i < 100_000; i++) { bits[0] = rng.uniform(0, 2 ** 32); bits[1] = rng.uniform(0, 2 ** 32); xs.push(f[0]); }
  // each side of fdlibm's thresholds (|x| = ln2/2, 1.5·ln2, 2^−28, the over/underflow limits), k = −1021, 1024
  const edges = [0.5 * Math.LN2, 1.5 * Math.LN2, 2 ** -28, 709.782712893384, -745.1332191019411, -708.3964185322641, 709.436, 1, -1];
  for (const e of edges) for (const s of [1, -1]) for (let u = -4; u <= 4; u++) xs.push(s * e * (1 + u * Number.EPSILON));
  xs.push(0, -0, Infinity, -Infinity, NaN, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE);
  const input = Float64Array.from(xs.length % 2 ? xs : [...xs, 0.5]);
  sameBits(t, wasmExp(input), input.map(Math.exp), `exp of ${input.length} values`);
});

test("the check above can fail: a one-ulp change in the reference is caught", (t) => {
  const input = Float64Array.from([0.3, -2.5, 100]);
  const off = input.map(Math.exp);
  off[1] *= 1 + Number.EPSILON;
  const got = wasmExp(input);
  t.false(got.every((v, i) => Object.is(v, off[i])));
});

const shapes: [number, number][] = [[1, 1], [1, 2], [3, 5], [8, 64], [7, 33], [65, 2], [16, 257]];

test("softmax in the module and the readable loop agree bit for bit, with and without masks", (t) => {
  const rng = new Rng(42);
  for (const [n, m] of shapes) for (const spread of [1, 30, 1e3]) {
    const X = randomNormal(n, m, { rng, std: spread });
    if (m > 2) X.data[1] = -Infinity; // a key that gets weight 0 without a mask
    const mask = Array.from({ length: n }, (_, i) => Array.from({ length: m }, (_, j) => j === i % m || rng.uniform(0, 1) < 0.6));
    for (const mk of [undefined, mask]) {
      const fast = softmaxWasm(X, mk, "softmax");
      t.true(fast instanceof Matrix);
      sameBits(t, (fast as Matrix).data, softmaxReadable(X, mk, "softmax").data, `(${n}, ${m}) std ${spread} ${mk ? "masked" : ""}`);
    }
  }
  // the public function takes the fast path from 64 entries and still states the readable values
  const X = randomNormal(9, 40, { rng });
  sameBits(t, softmax(X).data, softmaxReadable(X, undefined, "softmax").data, "softmax()");
});

test("a row with nothing to attend to throws from the fast path with the readable message", (t) => {
  const X = randomNormal(4, 30, { rng: new Rng(43) });
  const mask = Array.from({ length: 4 }, (_, i) => Array.from({ length: 30 }, () => i !== 2));
  const e = t.throws(() => softmaxWasm(X, mask, "f"));
  t.true(e instanceof NoKeyError && e.row === 2, `${e?.message}`);
  throwsWith(t, () => softmax(X, { mask }), "softmax", "row 2", "(4, 30)", "mask row all false");
  // scores of −∞ everywhere (softmax() refuses them as input; attention can produce them): both paths throw
  const allInf = new Matrix(8, 8, new Float64Array(64).fill(-Infinity));
  throwsWith(t, () => softmaxRows(allInf, undefined, "f"), "f: row 0");
  throwsWith(t, () => softmaxReadable(allInf, undefined, "f"), "f: row 0");
});

test("attention weights from the fused path (product + scale + softmax in the module) equal the readable steps", (t) => {
  const rng = new Rng(44);
  for (const [n, m, dK] of [[1, 1, 1], [5, 7, 3], [16, 16, 8], [33, 65, 12], [64, 40, 64]] as const) {
    const Q = randomNormal(n, dK, { rng }), K = randomNormal(m, dK, { rng });
    const mask = Array.from({ length: n }, (_, i) => Array.from({ length: m }, (_, j) => j <= i));
    for (const mk of [undefined, mask]) {
      const fast = attentionWeightsWasm(Q, K, 1 / Math.sqrt(dK), mk, "f") as Matrix;
      sameBits(t, fast.data, readable.attentionWeights(Q, K, 1 / Math.sqrt(dK), mk, "f").data, `(${n}, ${dK})·(${dK}, ${m})`);
    }
  }
  const q = randomNormal(6, 4, { rng }), k = randomNormal(6, 4, { rng });
  throwsWith(t, () => scaledDotProductAttention(q, k, k, { mask: q.toArray().map((_, i) => [i !== 3, false, false, false, false, false]) }),
    "scaledDotProductAttention", "row 3", "(6, 6)");
});
