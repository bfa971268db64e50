// Shared test helpers: closeness checks with an explicit tolerance, and a seeded source of inputs.
import type { ExecutionContext } from "ava";
import { Matrix, Rng } from "../lib/index.js";

/** Asserts |got − expected| ≤ tol entry by entry, naming the first index that differs. */
export function assertClose(t: ExecutionContext, got: Matrix | number[][] | number[] | number, expected: Matrix | number[][] | number[] | number, tol: number): void {
  const g = flat(got);
  const e = flat(expected);
  t.is(g.length, e.length, "sizes differ");
  for (let i = 0; i < e.length; i++) {
    if (!(Math.abs(g[i] - e[i]) <= tol)) {
      t.fail(`entry ${i}: got ${g[i]}, expected ${e[i]} (tol ${tol})`);
      return;
    }
  }
  t.pass();
}

function flat(x: Matrix | number[][] | number[] | number): number[] {
  if (x instanceof Matrix) return Array.from(x.data);
  return typeof x === "number" ? [x] : (x as (number | number[])[]).flat();
}

/** A (rows, cols) plain array of uniform numbers on [−1, 1) from a seeded stream. */
export function randArray(rng: Rng, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.uniform(-1, 1)));
}

/** Asserts `f` throws an Error whose message contains every fragment. */
export function throwsWith(t: ExecutionContext, f: () => unknown, ...fragments: string[]): void {
  const err = t.throws(f);
  for (const frag of fragments) t.true(err?.message.includes(frag), `message "${err?.message}" lacks "${frag}"`);
}
