// Your exercise file: replace each `throw new Error("not implemented yet: …")` with your code.
// Check your work with `npm run grade`. (Generated from solutions/06_applications.ts by `npm run generate`.)
// Exercises for notebook 06 · attention beyond translation. Plain arrays in, plain arrays out.
// Allowed imports: none — write these from scratch.

/**
 * 6.1 · patchify (2 points). Cut an image (H × W pixels) into p × p patches and flatten each, row by row, into one token:
 * return ((H/p)·(W/p)) × p² rows, patches in row-major order (left to right, then the next row of patches).
 * When p does not divide H and W, throw an Error whose message names patchify and the shapes.
 * Example: patchify([[1, 2], [3, 4]], 1) → [[1], [2], [3], [4]]
 */
export function patchify(image: number[][], p: number): number[][] {
  throw new Error("not implemented yet: patchify (exercises/06_applications.ts)");
}

/**
 * 6.2 · gridPositions (2 points). Positions of a rows × cols grid of patches, d numbers each (d even): row r·cols + c is
 * [...PE(rows, d/2) row r, ...PE(cols, d/2) row c] (half for the row, half for the column), where PE(length, w)
 * is notebook 03's sinusoidal encoding: PE[p][2i] = sin(p / 10000^(2i/w)), PE[p][2i+1] = cos(the same angle).
 * When d is odd, throw an Error whose message names gridPositions.
 * Example: gridPositions(1, 2, 2) → [[0, 0], [0, 0.841…]]
 */
export function gridPositions(rows: number, cols: number, d: number): number[][] {
  throw new Error("not implemented yet: gridPositions (exercises/06_applications.ts)");
}

/**
 * 6.3 · leapDayIsReal (1 point, predict). Predict, then run (notebook 06, "Predict, then run: does GPT know the calendar?"): before
 * you run that cell, commit to a prediction here. Greedy decoding with the notebook's trained GPT after the
 * prompt `29.02.`: does it write a real date (true) or one that does not exist (false)? Graded on the
 * prediction being right; answer from what you know of its training data, not by running it first.
 */
export function leapDayIsReal(): boolean {
  throw new Error("not implemented yet: leapDayIsReal (exercises/06_applications.ts)");
}
