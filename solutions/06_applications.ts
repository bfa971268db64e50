// Exercises for notebook 06 · attention beyond translation. Plain arrays in, plain arrays out.
import { exercise, lesson } from "../grader/spec/declare.js";
import { int, mat, pick } from "../grader/spec/draw.js";

lesson({ imports: [] });

/**
 * patchify. Cut an image (H × W pixels) into p × p patches and flatten each, row by row, into one token:
 * return ((H/p)·(W/p)) × p² rows, patches in row-major order (left to right, then the next row of patches).
 * When p does not divide H and W, throw an Error whose message names patchify and the shapes.
 * Example: patchify([[1, 2], [3, 4]], 1) → [[1], [2], [3], [4]]
 */
export function patchify(image: number[][], p: number): number[][] {
  // BEGIN SOLUTION
  const H = image.length, W = image[0].length;
  if (!Number.isInteger(p) || p < 1 || H % p !== 0 || W % p !== 0) throw new Error(`patchify: p = ${p} does not divide the image (${H}, ${W})`);
  const rows = H / p, cols = W / p;
  return Array.from({ length: rows * cols }, (_, t) => { // token t is patch (t / cols, t % cols)
    const [r, c] = [Math.floor(t / cols), t % cols];
    return Array.from({ length: p * p }, (_, k) => image[r * p + Math.floor(k / p)][c * p + (k % p)]); // (p²)
  });
  // END SOLUTION
}
exercise(patchify, {
  points: 2, title: "patchify an image",
  hint: { section: "An image as a sequence of tokens",
    text: "token r·(W/p) + c is patch (r, c); its p² numbers are the patch's rows one after the other; throw an Error naming patchify when H or W is not a multiple of p" },
  draw: (r) => { const p = int(r, 1, 3), off = p > 1 && r.uniform() < 0.4 ? 1 : 0; return [mat(r, p * int(r, 1, 3), p * int(r, 1, 3) + off), p]; }, // ≈ 1 in 4 refused
  edge: [[[[1, 2], [3, 4]], 1], [[[1, 2, 3, 4], [5, 6, 7, 8]], 2], [[[1, 2, 3], [4, 5, 6]], 2]],
});

/**
 * gridPositions. Positions of a rows × cols grid of patches, d numbers each (d even): row r·cols + c is
 * [...PE(rows, d/2) row r, ...PE(cols, d/2) row c] (half for the row, half for the column), where PE(length, w)
 * is notebook 03's sinusoidal encoding: PE[p][2i] = sin(p / 10000^(2i/w)), PE[p][2i+1] = cos(the same angle).
 * When d is odd, throw an Error whose message names gridPositions.
 * Example: gridPositions(1, 2, 2) → [[0, 0], [0, 0.841…]]
 */
export function gridPositions(rows: number, cols: number, d: number): number[][] {
  // BEGIN SOLUTION
  if (d % 2 !== 0) throw new Error(`gridPositions: d = ${d} must be even (half for the row, half for the column)`);
  const pe = (p: number, w: number) => Array.from({ length: w }, (_, c) => { // row p of PE(·, w)
    const angle = p / Math.pow(10000, (c - (c % 2)) / w);
    return c % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
  });
  const peRow = Array.from({ length: rows }, (_, r) => pe(r, d / 2)), peCol = Array.from({ length: cols }, (_, c) => pe(c, d / 2)); // (rows, d/2), (cols, d/2)
  return Array.from({ length: rows * cols }, (_, t) => [...peRow[Math.floor(t / cols)], ...peCol[t % cols]]); // (rows·cols, d)
  // END SOLUTION
}
exercise(gridPositions, {
  points: 2, title: "positions on a grid",
  hint: { section: "Where a patch is: positions on a grid",
    text: "the first d/2 numbers are the sinusoidal encoding of the patch's row, the last d/2 that of its column, each with d/2 as the model width; throw an Error naming gridPositions when d is odd" },
  draw: (r) => [int(r, 1, 4), int(r, 1, 4), pick(r, [2, 4, 6, 8, 3])], edge: [[1, 2, 2], [3, 3, 8], [2, 2, 5]],
});

/**
 * leapDayIsReal. Predict, then run (notebook 06, "Predict, then run: does GPT know the calendar?"): before
 * you run that cell, commit to a prediction here. Greedy decoding with the notebook's trained GPT after the
 * prompt `29.02.`: does it write a real date (true) or one that does not exist (false)? Graded on the
 * prediction being right; answer from what you know of its training data, not by running it first.
 */
export function leapDayIsReal(): boolean {
  // BEGIN SOLUTION
  return false; // the cell: the training set holds fewer than 10 texts on 29 February, and greedy writes a year with none
  // END SOLUTION
}
exercise(leapDayIsReal, {
  points: 1, title: "predict, then run: GPT after 29.02.", kind: "predict",
  hint: { section: "Predict, then run: does GPT know the calendar?",
    text: "count how often the training texts start with 29.02., and ask what a model learns from a handful of examples out of 8,000" },
  draw: () => [], edge: [[]],
});
