// The errors lib throws for bad data, as classes a caller can tell apart (`e instanceof NoKeyError`); each
// message still names the function, the argument and the shapes.

/** An entry of an argument is NaN or ±∞ (found by toMatrix, before any arithmetic). */
export class NonFiniteError extends Error {
  constructor(readonly fn: string, readonly arg: string, readonly value: number, readonly row: number, readonly col: number, shape: string) {
    super(`${fn}: ${arg} of shape ${shape} has ${value} at (${row}, ${col}); entries must be finite numbers`);
    this.name = "NonFiniteError";
  }
}

/** Row `row` of the (n, m) scores keeps no key (its mask row is all false, or every kept score is −∞). */
export class NoKeyError extends Error {
  constructor(readonly fn: string, readonly row: number, n: number, m: number) {
    super(`${fn}: row ${row} of the scores (shape (${n}, ${m})) has no key it may attend to (mask row all false)`);
    this.name = "NoKeyError";
  }
}
