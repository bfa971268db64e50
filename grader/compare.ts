// Compares a submission's value with the expected one and says, in a student's terms, what differs first.
import { TOLERANCE } from "./exercises.js";

/** Shape of a nested number array as "(3, 4)", or null when it is not a rectangular array. */
export function shapeOf(x: unknown): string | null {
  if (!Array.isArray(x)) return null;
  const dims: number[] = [];
  let level: unknown = x;
  while (Array.isArray(level)) {
    dims.push(level.length);
    level = level[0];
  }
  return `(${dims.join(", ")})`;
}

const describe = (v: unknown) => (v === undefined ? "undefined" : Array.isArray(v) ? `an array of shape ${shapeOf(v)}` : typeof v === "number" ? String(v) : `${typeof v} ${JSON.stringify(v)?.slice(0, 60)}`);

/**
 * null when `got` matches `expected` (numbers within TOLERANCE · max(1, |expected|), booleans exactly);
 * otherwise the first difference, e.g. `expected shape (3, 4), got (4, 3)`, `returned NaN at (1, 2)`,
 * `at (0, 1): expected 0.5, got 0.25`. `label` prefixes object fields ("weights: …").
 */
export function compare(expected: unknown, got: unknown, label = ""): string | null {
  const at = (idx: number[]) => (idx.length ? ` at (${idx.join(", ")})` : "");
  const pre = label ? `${label}: ` : "";
  // objects with fields ({ output, weights }): compare field by field in the expected order
  if (expected !== null && typeof expected === "object" && !Array.isArray(expected)) {
    if (got === null || typeof got !== "object" || Array.isArray(got)) return `${pre}expected an object with fields ${Object.keys(expected).join(", ")}, got ${describe(got)}`;
    for (const key of Object.keys(expected)) {
      const m = compare((expected as Record<string, unknown>)[key], (got as Record<string, unknown>)[key], `${label}${label ? "." : ""}${key}`);
      if (m) return m;
    }
    return null;
  }
  const es = shapeOf(expected), gs = shapeOf(got);
  if (es !== gs) return `${pre}expected ${es ? `shape ${es}` : typeof expected}, got ${gs ? `shape ${gs}` : describe(got)}`;
  const walk = (e: unknown, g: unknown, idx: number[]): string | null => {
    if (Array.isArray(e)) {
      if (!Array.isArray(g) || g.length !== e.length) return `${pre}expected a row of length ${e.length}${at(idx)}, got ${describe(g)} (ragged result)`;
      for (let i = 0; i < e.length; i++) {
        const m = walk(e[i], g[i], [...idx, i]);
        if (m) return m;
      }
      return null;
    }
    if (typeof e === "boolean") return g === e ? null : `${pre}${idx.length ? `at (${idx.join(", ")}): ` : ""}expected ${e}, got ${typeof g === "boolean" ? g : describe(g)}`;
    if (typeof g !== "number") return `${pre}expected a number${at(idx)}, got ${describe(g)}`;
    if (Number.isNaN(g)) return `${pre}returned NaN${at(idx)}`;
    if (!Number.isFinite(g)) return `${pre}returned ${g}${at(idx)}`;
    const exp = e as number;
    if (Math.abs(g - exp) <= TOLERANCE * Math.max(1, Math.abs(exp))) return null;
    return `${pre}${idx.length ? `at (${idx.join(", ")}): ` : ""}expected ${exp}, got ${g} (tolerance ${TOLERANCE} relative)`;
  };
  return walk(expected, got, []);
}
