import { Matrix, type MatrixLike, toMatrix } from "./matrix.js";
import { transpose } from "./transpose.js";
import { gemmWasm, fitsWasm, matmulFma } from "./gemm/index.js";

/**
 * Matrix product `a · b`: (n, k) · (k, m) → (n, m). Runs the WebAssembly SIMD kernel (lib/gemm) where it
 * wins, else the tiled kernel `matmulTiled`; `matmulNaive` is the readable reference. All three add the
 * k terms of each entry in the same order, so they agree bit for bit (tests check it). Large products
 * (from 160³ multiply-adds) use fused multiply-adds where this Node and CPU have them (`matmulFma`): one
 * rounding per term instead of two, so they may differ from `matmulNaive` in the last bits (tested bound).
 *
 * @example
 * matmul([[1, 2], [3, 4]], [[5], [6]]).toArray(); // => [[17], [39]]
 */
export function matmul(a: MatrixLike, b: MatrixLike): Matrix {
  // two large matrices: the FMA path checks their entries on its own copies, with toMatrix's errors
  const fast = a instanceof Matrix && b instanceof Matrix && a.cols === b.rows ? matmulFma(a, b, "matmul") : null;
  if (fast) return fast;
  const A = toMatrix(a, "matmul", "a");
  const B = toMatrix(b, "matmul", "b");
  checkInner("matmul", A, B);
  return matmulFma(A, B) ?? product(A, B);
}

/**
 * op(A)·op(B) on validated matrices, op = transpose where `transA` / `transB` (no transposed copy on the
 * SIMD path): what attention and autodiff call. The SIMD kernel is 1.4–4× faster than the tiled one from
 * 8×8×8 up (measured; scripts/bench.ts); below 256 multiply-adds, or for a single output column, the
 * tiled kernel is as fast or faster. Internal (not in lib/index.ts); test/lib/gemm.test.ts checks its bits.
 *
 * @example
 * product(Matrix.from([[1, 2]]), Matrix.from([[3, 4]]), false, true).toArray(); // => [[11]]
 */
export function product(A: Matrix, B: Matrix, transA = false, transB = false): Matrix {
  const n = transA ? A.cols : A.rows, k = transA ? A.rows : A.cols, kb = transB ? B.cols : B.rows, m = transB ? B.rows : B.cols;
  if (k !== kb) throw new Error(`product: inner dimensions differ: op(a) is (${n}, ${k}), op(b) is (${kb}, ${m})`);
  if (m > 1 && n * m * k >= 256 && fitsWasm(n, m, k)) return gemmWasm(A, B, transA, transB);
  return matmulTiled(transA ? transpose(A) : A, transB ? transpose(B) : B);
}

/**
 * The WebAssembly SIMD kernel (f64x2, 4×4 register tile, packed and cache-blocked; lib/gemm/gemm.wat)
 * at every size, on both cores for large products: bit-identical to `matmulNaive`.
 *
 * @example
 * matmulWasm(Matrix.from([[1, 2]]), Matrix.from([[3], [4]])).toArray(); // => [[11]]
 */
export function matmulWasm(A: Matrix, B: Matrix): Matrix {
  checkInner("matmulWasm", A, B);
  return gemmWasm(A, B);
}

/**
 * The textbook triple loop (i, k, j order so the inner loop walks rows). The reference.
 *
 * @example
 * matmulNaive(Matrix.from([[1, 2]]), Matrix.from([[3], [4]])).toArray(); // => [[11]]
 */
export function matmulNaive(A: Matrix, B: Matrix): Matrix {
  checkInner("matmulNaive", A, B);
  const n = A.rows, k = A.cols, m = B.cols;
  const C = new Matrix(n, m);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < k; p++) {
      const aip = A.data[i * k + p];
      for (let j = 0; j < m; j++) C.data[i * m + j] += aip * B.data[p * m + j];
    }
  }
  return C;
}

/**
 * The readable fast path, bit-identical to `matmulNaive` (each entry sums its k terms in order). B is packed into panels of 4 columns
 * (k-major, so the inner loop reads memory in order); each 4×4 block of C is held in 16 local
 * variables while k runs, which is 16 multiply-adds per 8 loads instead of 1 per 2.
 *
 * @example
 * matmulTiled(Matrix.from([[1, 2]]), Matrix.from([[3], [4]])).toArray(); // => [[11]]
 */
export function matmulTiled(A: Matrix, B: Matrix): Matrix {
  checkInner("matmulTiled", A, B);
  const n = A.rows, k = A.cols, m = B.cols;
  const a = A.data, b = B.data;
  const C = new Matrix(n, m);
  const c = C.data;
  const m4 = m - (m % 4), n4 = n - (n % 4);
  const panel = new Float64Array(k * 4);
  for (let j = 0; j < m4; j += 4) {
    for (let p = 0; p < k; p++) {
      const src = p * m + j, dst = p * 4;
      panel[dst] = b[src]; panel[dst + 1] = b[src + 1]; panel[dst + 2] = b[src + 2]; panel[dst + 3] = b[src + 3];
    }
    let i = 0;
    for (; i < n4; i += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      const r0 = i * k, r1 = r0 + k, r2 = r1 + k, r3 = r2 + k;
      for (let p = 0; p < k; p++) {
        const q = p * 4;
        const b0 = panel[q], b1 = panel[q + 1], b2 = panel[q + 2], b3 = panel[q + 3];
        const a0 = a[r0 + p], a1 = a[r1 + p], a2 = a[r2 + p], a3 = a[r3 + p];
        c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
        c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
        c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
        c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
      }
      let o = i * m + j;
      c[o] = c00; c[o + 1] = c01; c[o + 2] = c02; c[o + 3] = c03; o += m;
      c[o] = c10; c[o + 1] = c11; c[o + 2] = c12; c[o + 3] = c13; o += m;
      c[o] = c20; c[o + 1] = c21; c[o + 2] = c22; c[o + 3] = c23; o += m;
      c[o] = c30; c[o + 1] = c31; c[o + 2] = c32; c[o + 3] = c33;
    }
    for (; i < n; i++) {
      // leftover rows (n not a multiple of 4): one row against the packed panel
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let p = 0; p < k; p++) {
        const av = a[i * k + p], q = p * 4;
        s0 += av * panel[q]; s1 += av * panel[q + 1]; s2 += av * panel[q + 2]; s3 += av * panel[q + 3];
      }
      const o = i * m + j;
      c[o] = s0; c[o + 1] = s1; c[o + 2] = s2; c[o + 3] = s3;
    }
  }
  for (let j = m4; j < m; j++) {
    // leftover columns (m not a multiple of 4): plain dot products
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * m + j];
      c[i * m + j] = s;
    }
  }
  return C;
}

function checkInner(fn: string, A: Matrix, B: Matrix): void {
  if (A.cols !== B.rows) {
    throw new Error(`${fn}: inner dimensions differ: a is ${A.shape}, b is ${B.shape} (a.cols must equal b.rows)`);
  }
}
