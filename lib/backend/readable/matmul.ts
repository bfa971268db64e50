// The readable matrix products: the textbook triple loop (the reference) and a tiled kernel that gives
// the same bits, ~2–4× faster (scripts/bench.ts). The readable backend multiplies with these.
import { Matrix } from "../../matrix.js";

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

/** Throws unless a·b is defined (a.cols = b.rows), naming `fn` and both shapes. */
export function checkInner(fn: string, A: Matrix, B: Matrix): void {
  if (A.cols !== B.rows) {
    throw new Error(`${fn}: inner dimensions differ: a is ${A.shape}, b is ${B.shape} (a.cols must equal b.rows)`);
  }
}
