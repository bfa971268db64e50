// Multi-head attention with everything between the input projections and W_O kept in the module's memory:
// Q, K, V, every head's scores and the concatenated heads never become JS matrices (no split or merge
// copies), and the heads run half on each thread. Same bits as the readable path (product per head, then
// softmax, then weights·V, concatenate, project): every sum starts at 0 and adds its terms in order.
import { Matrix } from "../../matrix.js";
import { NoKeyError } from "../../errors.js";
import { addRowVector } from "../../elementwise.js";
import type { HeadsInput } from "../backend.js";
import { loadWasm, reserve, fitsBytes, packPanels, packB, BASE, type Wasm } from "./wasm.js";
import { runPair } from "./pool.js";
import { writeMask } from "./softmax.js";
import { tuning } from "./tuning.js";

/** True when the fused path applies: d_k a multiple of 4, and everything fits in the module's memory. */
export function headsFit(p: HeadsInput): boolean {
  const dm = p.WQ.cols, dK = dm / p.numHeads;
  const dIn = Math.max(p.WQ.rows, p.WK.rows, p.WV.rows, dm); // the rows of the largest weight, copied in to pack it
  return dK % 4 === 0 && fitsBytes((layout(p).end + dIn * up4(Math.max(dm, p.WO.cols))) * 8);
}

const up4 = (x: number): number => Math.ceil(x / 4) * 4;

/** Where each operand lives (offsets in f64 from 0). */
function layout(p: HeadsInput) {
  const n4 = up4(p.Xq.rows), nk4 = up4(p.Xk.rows), dm = p.WQ.cols, o4 = up4(p.WO.cols);
  let at = BASE / 8;
  const take = (size: number): number => { const off = at; at += size + (size & 1); return off; };
  const xq = take(n4 * p.Xq.cols), xk = p.Xk === p.Xq ? xq : take(nk4 * p.Xk.cols), xv = p.Xv === p.Xk ? xk : take(nk4 * p.Xv.cols);
  const wq = take(dm * p.WQ.rows), wk = take(dm * p.WK.rows), wv = take(dm * p.WV.rows), wo = take(o4 * dm);
  const q = take(n4 * dm), k = take(nk4 * dm), v = take(nk4 * dm), kp = take(nk4 * dm), vp = take(dm * p.Xk.rows);
  const s = take(p.numHeads * n4 * nk4), o = take(n4 * dm), y = take(n4 * o4), mask = take(p.Xq.rows * p.Xk.rows);
  return { n4, nk4, dm, o4, xq, xk, xv, wq, wk, wv, wo, q, k, v, kp, vp, s, o, y, mask, end: at };
}

/**
 * concat_h(softmax(Q_h·K_hᵀ/√d_k, mask)·V_h)·W_O + b_O and each head's weights; a row with nothing to attend
 * to throws NoKeyError naming `fn`. Call only when `headsFit`.
 */
export function multiHeadWasm(p: HeadsInput, fn: string): { output: Matrix; weights: Matrix[] } {
  const w = loadWasm(), L = layout(p);
  reserve(w, L.end * 8);
  const f = new Float64Array(w.memory.buffer);
  const n = p.Xq.rows, nK = p.Xk.rows, dm = L.dm, H = p.numHeads, dK = dm / H;
  const copyRows = (X: Matrix, off: number, rows4: number) => {
    f.set(X.data, off);
    f.fill(0, off + X.data.length, off + rows4 * X.cols); // the padding rows read by the last row panel
  };
  copyRows(p.Xq, L.xq, L.n4);
  if (L.xk !== L.xq) copyRows(p.Xk, L.xk, L.nk4);
  if (L.xv !== L.xk) copyRows(p.Xv, L.xv, L.nk4);
  // the weights are copied in (row-major, padded to 4 columns) at L.end, then packed
  for (const [W, off] of [[p.WQ, L.wq], [p.WK, L.wk], [p.WV, L.wv], [p.WO, L.wo]] as const) packB(w, W.data, W.rows, W.cols, off, L.end);
  // Q, K, V = X·W (+ b), rows split between the threads (the weights were packed above)
  const project = (x: number, X: Matrix, W: Matrix, wOff: number, out: number, rows4: number, b?: number[]) => {
    rowsSplit(w, rows4 / 4, (r0, r1) => [x * 8, X.cols * 8, wOff * 8, W.rows * 32, out * 8, dm * 8, W.rows, dm / 4, r0, r1]);
    if (b) for (let i = 0; i < X.rows; i++) for (let j = 0; j < dm; j++) f[out + i * dm + j] += b[j];
  };
  project(L.xq, p.Xq, p.WQ, L.wq, L.q, L.n4, p.bq);
  project(L.xk, p.Xk, p.WK, L.wk, L.k, L.nk4, p.bk);
  project(L.xv, p.Xv, p.WV, L.wv, L.v, L.nk4, p.bv);
  packPanels(f, L.kp, f.subarray(L.k, L.k + L.nk4 * dm), L.nk4, dm, true); // Kᵀ: panels of 4 keys
  w.packb(L.v * 8, dm * 8, L.vp * 8, nK, dm / 4); // V: panels of 4 columns
  if (p.mask) writeMask(w, p.mask, n, nK, L.mask * 8); // one mask for every head
  const heads = (h0: number, h1: number) => [L.q * 8, dm * 8, L.kp * 8, L.vp * 8, L.s * 8, L.n4 * L.nk4 * 8, L.nk4 * 8,
    L.o * 8, dm * 8, n, nK, dK, dm, h0, h1, 1 / Math.sqrt(dK), p.mask ? L.mask * 8 : 0];
  const half = H >> 1;
  const [mine, theirs] = runPair(w, "heads", heads(0, half), H > 1 ? heads(half, H) : null, heads(0, H));
  if (mine >= 0 || theirs >= 0) throw new NoKeyError(fn, mine >= 0 ? mine : theirs, n, nK);
  // concat·W_O: the worker starts on most rows while this thread copies the weights out (page faults of
  // fresh matrices, ~0.1 ms per 256×256), then takes its share of the rows (tuning.ts)
  const rows = L.n4 / 4, mineRows = Math.floor(rows * tuning.headsOutShare);
  const args = (r0: number, r1: number) => [L.o * 8, dm * 8, L.wo * 8, dm * 32, L.y * 8, L.o4 * 8, dm, L.o4 / 4, r0, r1];
  let weights: Matrix[] = [];
  const copyWeights = () => { weights = Array.from({ length: H }, (_, h) => rowsOut(f, L.s + h * L.n4 * L.nk4, n, nK, L.nk4)); };
  runPair(w, "gemmu", args(0, mineRows), rows > 1 ? args(mineRows, rows) : null, args(0, rows), undefined, copyWeights);
  const output = rowsOut(f, L.y, n, p.WO.cols, L.o4);
  return { output: p.bo === undefined ? output : addRowVector(output, p.bo), weights };
}

/** gemmu over row panels [0, rows), half on each thread when there are at least 2. */
function rowsSplit(w: Wasm, rows: number, args: (r0: number, r1: number) => number[]): void {
  const half = rows >> 1;
  runPair(w, "gemmu", args(0, half), rows > 1 ? args(half, rows) : null, args(0, rows));
}

/** An (n, m) matrix from n rows `ld` apart in the memory. */
function rowsOut(f: Float64Array, off: number, n: number, m: number, ld: number): Matrix {
  if (m === ld) return new Matrix(n, m, f.slice(off, off + n * m));
  const out = new Matrix(n, m);
  for (let i = 0; i < n; i++) out.data.set(f.subarray(off + i * ld, off + i * ld + m), i * m);
  return out;
}
