// Compares a submission's value with the expected one and says, in a student's terms, what differs first.
import { TOLERANCE } from "./exercises.js";
import { writeShort } from "./spec/write_short.js";

/** A case whose right answer is an Error whose message names `throws` (e.g. the function: "patchify: …"). */
export interface ExpectedThrow { throws: string }
export const isExpectedThrow = (e: unknown): e is ExpectedThrow =>
  e !== null && typeof e === "object" && !Array.isArray(e) && Object.keys(e).length === 1 && typeof (e as ExpectedThrow).throws === "string";

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

const describe = (v: unknown) => (v === undefined ? "undefined" : Array.isArray(v) ? `an array of shape ${shapeOf(v)}` : typeof v === "number" ? String(v) : `${typeof v} ${writeShort(v)}`);

/**
 * Where two values first differ: `fields` leads into objects ({ output, weights }), `index` into arrays.
 * `kind` says whether the entry is wrong ("value"), not finite ("nonFinite") or the layout differs ("shape").
 */
export interface Difference { message: string; kind: "shape" | "value" | "nonFinite"; fields: string[]; index: number[] }

/** The first difference between `expected` and `got`, or null when they match (see `compare`). */
export function firstDifference(expected: unknown, got: unknown, fields: string[] = []): Difference | null {
  const at = (idx: number[]) => (idx.length ? ` at (${idx.join(", ")})` : "");
  const pre = fields.length ? `${fields.join(".")}: ` : "";
  const diff = (kind: Difference["kind"], message: string, index: number[] = []): Difference => ({ message: pre + message, kind, fields, index });
  // objects with fields ({ output, weights }): compare field by field in the expected order
  if (expected !== null && typeof expected === "object" && !Array.isArray(expected)) {
    if (got === null || typeof got !== "object" || Array.isArray(got)) return diff("shape", `expected an object with fields ${Object.keys(expected).join(", ")}, got ${describe(got)}`);
    for (const key of Object.keys(expected)) {
      const d = firstDifference((expected as Record<string, unknown>)[key], (got as Record<string, unknown>)[key], [...fields, key]);
      if (d) return d;
    }
    return null;
  }
  const es = shapeOf(expected), gs = shapeOf(got);
  if (es !== gs) return diff("shape", `expected ${es ? `shape ${es}` : typeof expected}, got ${gs ? `shape ${gs}` : describe(got)}`);
  const walk = (e: unknown, g: unknown, idx: number[]): Difference | null => {
    if (Array.isArray(e)) {
      if (!Array.isArray(g) || g.length !== e.length) return diff("shape", `expected a row of length ${e.length}${at(idx)}, got ${describe(g)} (ragged result)`, idx);
      for (let i = 0; i < e.length; i++) {
        const d = walk(e[i], g[i], [...idx, i]);
        if (d) return d;
      }
      return null;
    }
    const where = idx.length ? `at (${idx.join(", ")}): ` : "";
    if (typeof e === "boolean") return g === e ? null : diff("value", `${where}expected ${e}, got ${typeof g === "boolean" ? g : describe(g)}`, idx);
    if (typeof g !== "number") return diff("shape", `expected a number${at(idx)}, got ${describe(g)}`, idx);
    if (Number.isNaN(g)) return diff("nonFinite", `returned NaN${at(idx)}`, idx);
    if (!Number.isFinite(g)) return diff("nonFinite", `returned ${g}${at(idx)}`, idx);
    const exp = e as number;
    if (Math.abs(g - exp) <= TOLERANCE * Math.max(1, Math.abs(exp))) return null;
    return diff("value", `${where}expected ${exp}, got ${g} (tolerance ${TOLERANCE} relative)`, idx);
  };
  return walk(expected, got, []);
}

/**
 * null when `got` matches `expected` (numbers within TOLERANCE · max(1, |expected|), booleans exactly);
 * otherwise the first difference, e.g. `expected shape (3, 4), got (4, 3)`, `returned NaN at (1, 2)`,
 * `at (0, 1): expected 0.5, got 0.25`. `label` prefixes object fields ("weights: …").
 */
export function compare(expected: unknown, got: unknown, label = ""): string | null {
  return firstDifference(expected, got, label ? [label] : [])?.message ?? null;
}
