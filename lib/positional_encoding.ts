import { Matrix } from "./matrix.js";

/**
 * Sinusoidal positional encoding (Vaswani et al., 2017): (length, dModel) with
 * PE[p][2i] = sin(p / 10000^(2i/dModel)) and PE[p][2i+1] = cos(p / 10000^(2i/dModel)).
 * Low columns turn fast, high columns slowly, so every position gets a distinct pattern.
 *
 * @example
 * positionalEncoding(2, 2).toArray(); // => [[0, 1], [0.8414709848078965, 0.5403023058681398]]
 */
export function positionalEncoding(length: number, dModel: number): Matrix {
  for (const [name, n] of [["length", length], ["dModel", dModel]] as const) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`positionalEncoding: ${name} must be a positive integer, got ${n} (shape (${length}, ${dModel}))`);
  }
  const pe = new Matrix(length, dModel);
  for (let p = 0; p < length; p++) {
    for (let c = 0; c < dModel; c++) {
      const twoI = c - (c % 2); // the even index 2i shared by the sin/cos pair
      const angle = p / Math.pow(10000, twoI / dModel);
      pe.data[p * dModel + c] = c % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return pe;
}
