/**
 * A boolean mask `(nQ, nK)` where `mask[i][j] === true` means query i may attend to key j.
 * `causal` lets query i see keys j ≤ i, aligned top-left even when nQ ≠ nK.
 *
 * @example
 * causalMask(3); // => [[true, false, false], [true, true, false], [true, true, true]]
 */
export function causalMask(nQ: number, nK: number = nQ): boolean[][] {
  checkCount("causalMask", "nQ", nQ);
  checkCount("causalMask", "nK", nK);
  return Array.from({ length: nQ }, (_, i) => Array.from({ length: nK }, (_, j) => j <= i));
}

/**
 * Padding mask `(nQ, nK)`: every query may attend to the first `validK` keys only, the rest are padding.
 *
 * @example
 * paddingMask(2, 3, 2); // => [[true, true, false], [true, true, false]]
 */
export function paddingMask(nQ: number, nK: number, validK: number): boolean[][] {
  checkCount("paddingMask", "nQ", nQ);
  checkCount("paddingMask", "nK", nK);
  if (!Number.isInteger(validK) || validK < 1 || validK > nK) {
    throw new Error(`paddingMask: validK must be an integer in [1, nK = ${nK}], got ${validK} (mask shape (${nQ}, ${nK}))`);
  }
  return Array.from({ length: nQ }, () => Array.from({ length: nK }, (_, j) => j < validK));
}

/**
 * The mask that applies to scores of shape `(nQ, nK)` given an optional user mask and `causal`:
 * both apply when both are given. Returns `undefined` when nothing is masked. `fn` names the caller.
 */
export function resolveMask(fn: string, nQ: number, nK: number, mask?: boolean[][], causal?: boolean): boolean[][] | undefined {
  if (mask !== undefined) checkMaskShape(fn, mask, nQ, nK);
  if (!causal) return mask;
  const c = causalMask(nQ, nK);
  return mask === undefined ? c : c.map((row, i) => row.map((ok, j) => ok && mask[i][j]));
}

/** Throws unless `mask` is a boolean[][] of shape (nQ, nK). */
export function checkMaskShape(fn: string, mask: boolean[][], nQ: number, nK: number): void {
  const got = Array.isArray(mask) ? `(${mask.length}, ${Array.isArray(mask[0]) ? mask[0].length : "?"})` : typeof mask;
  const bad = !Array.isArray(mask) || mask.length !== nQ ||
    mask.some((row) => !Array.isArray(row) || row.length !== nK || row.some((v) => typeof v !== "boolean"));
  if (bad) throw new Error(`${fn}: mask must be boolean[][] of shape (${nQ}, ${nK}) to match the scores, got ${got}`);
}

function checkCount(fn: string, arg: string, n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new Error(`${fn}: ${arg} must be a positive integer, got ${n}`);
}
