import { NonFiniteError } from "./errors.js";

/**
 * The one matrix type of the kit: row-major `rows × cols` numbers in a `Float64Array`.
 *
 * @example
 * const m = Matrix.from([[1, 2, 3], [4, 5, 6]]);
 * m.rows; // => 2
 * m.get(1, 2); // => 6
 */
export class Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;

  /** A `rows × cols` matrix over `data` (row-major; zeros when omitted). */
  constructor(rows: number, cols: number, data?: Float64Array) {
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
      throw new Error(`Matrix: rows and cols must be non-negative integers, got (${rows}, ${cols})`);
    }
    if (data && data.length !== rows * cols) {
      throw new Error(`Matrix: data has length ${data.length}, expected rows·cols = ${rows}·${cols} = ${rows * cols}`);
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data ?? new Float64Array(rows * cols);
  }

  /** Element (i, j). */
  get(i: number, j: number): number {
    return this.data[i * this.cols + j];
  }

  /** Sets element (i, j) to `value`. */
  set(i: number, j: number, value: number): void {
    this.data[i * this.cols + j] = value;
  }

  /** Row i as a plain array. */
  row(i: number): number[] {
    return Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols));
  }

  /** The shape as `(rows, cols)`, the notation used in every error message. */
  get shape(): string {
    return `(${this.rows}, ${this.cols})`;
  }

  toArray(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(this.row(i));
    return out;
  }

  /** Copies nested arrays into a Matrix; throws on ragged rows. */
  static from(rows: number[][]): Matrix {
    return toMatrix(rows, "Matrix.from", "rows");
  }
}

/** A `Matrix` or a plain `number[][]`: what every public function accepts. */
export type MatrixLike = Matrix | number[][];

/** The shape of a `MatrixLike` as `(rows, cols)`, for error messages. */
export function shapeOf(x: MatrixLike): string {
  if (x instanceof Matrix) return x.shape;
  return `(${x.length}, ${x.length > 0 ? x[0].length : 0})`;
}

/**
 * Converts `x` to a Matrix, checking it is rectangular and finite. `fn` and `arg` name the caller
 * and the argument, so the error says e.g. `softmax: x has a ragged row 1 (length 2, expected 3)`.
 */
export function toMatrix(x: MatrixLike, fn: string, arg: string): Matrix {
  if (x instanceof Matrix) {
    checkFinite(x.data, x.cols, fn, arg, x.shape);
    return x;
  }
  if (!Array.isArray(x)) throw new Error(`${fn}: ${arg} must be a Matrix or number[][], got ${typeof x}`);
  const rows = x.length;
  const cols = rows > 0 && Array.isArray(x[0]) ? x[0].length : 0;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const r = x[i];
    if (!Array.isArray(r) || r.length !== cols) {
      const len = Array.isArray(r) ? r.length : typeof r;
      throw new Error(`${fn}: ${arg} has a ragged row ${i} (length ${len}, expected ${cols}); shape of row 0 is (${rows}, ${cols})`);
    }
    for (let j = 0; j < cols; j++) data[i * cols + j] = r[j];
  }
  checkFinite(data, cols, fn, arg, `(${rows}, ${cols})`);
  return new Matrix(rows, cols, data);
}

/** Checks a plain vector is finite; returns it. */
export function toVector(v: number[], fn: string, arg: string): number[] {
  if (!Array.isArray(v)) throw new Error(`${fn}: ${arg} must be a number[], got ${typeof v}`);
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== "number" || !Number.isFinite(v[i])) {
      throw new Error(`${fn}: ${arg} has ${String(v[i])} at index ${i} (length ${v.length}); entries must be finite numbers`);
    }
  }
  return v;
}

function checkFinite(data: Float64Array, cols: number, fn: string, arg: string, shape: string): void {
  // x − x is 0 for a finite x and NaN for NaN or ±∞, so four running sums of it (no branch per entry, no
  // chain of dependent adds) are 0 exactly when every entry is finite; only then is the entry looked for.
  const n = data.length, n4 = n - (n % 4);
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let k = 0; k < n4; k += 4) {
    s0 += data[k] - data[k]; s1 += data[k + 1] - data[k + 1]; s2 += data[k + 2] - data[k + 2]; s3 += data[k + 3] - data[k + 3];
  }
  for (let k = n4; k < n; k++) s0 += data[k] - data[k];
  if (s0 + s1 + s2 + s3 === 0) return;
  const k = data.findIndex((v) => v - v !== 0);
  throw new NonFiniteError(fn, arg, data[k], Math.floor(k / cols), k % cols, shape);
}
