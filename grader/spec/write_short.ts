// A returned value written for a feedback line, whatever it is: at most about `limit` characters, nested
// at most MAX_DEPTH deep, and read only as far as it is written (a 500 KB string or an array 10⁵ deep
// costs no more than a short one). Values the grader itself made go through writeValue (values.ts).

import { shownLines } from "./sanitize.js";

const MAX_DEPTH = 4;
/** A string or key as a literal: JSON escapes the C0 controls, shownLines the rest (C1, bidi, LS/PS). */
const literal = (s: string) => shownLines(JSON.stringify(s));

/** Up to `digits` significant digits, without trailing zeros: formatNumber(1 / 3) // => "0.333333" */
export function formatNumber(x: number, digits = 6): string {
  if (!Number.isFinite(x) || Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(digits)));
}

/**
 * `v` in the style of writeValue, cut at `limit` characters with "…".
 *
 * @example
 * writeShort([[1, 2], true]); // => "[[1, 2], true]"
 * writeShort("x".repeat(100), 10); // => "\"xxxxxxxx…" (10 characters in all)
 */
export function writeShort(v: unknown, limit = 60): string {
  let out = "";
  const full = () => out.length > limit;
  const put = (s: string) => { out += s.length > limit + 1 ? s.slice(0, limit + 1) : s; };
  const walk = (x: unknown, depth: number): void => {
    if (typeof x === "string") return put(literal(x.length > limit ? x.slice(0, limit + 1) : x));
    if (typeof x === "number") return put(formatNumber(x));
    if (x === null || typeof x !== "object") return put(String(x));
    if (depth >= MAX_DEPTH) return put(Array.isArray(x) ? "[…]" : "{…}");
    const arr = Array.isArray(x);
    put(arr ? "[" : "{");
    let k = 0;
    if (arr) {
      for (; k < x.length && !full(); k++) { if (k) put(", "); walk(x[k], depth + 1); }
    } else {
      for (const key in x) {
        if (!Object.hasOwn(x, key)) continue;
        if (full()) break;
        put(k++ ? ", " : " ");
        const name = key.length > limit ? `${key.slice(0, limit)}…` : key;
        put(`${/^[A-Za-z_$][\w$]*$/.test(name) ? name : literal(name)}: `); // a key with a line break stays on one line
        walk((x as Record<string, unknown>)[key], depth + 1);
      }
    }
    put(arr ? "]" : k ? " }" : "}");
  };
  walk(v, 0);
  return full() ? `${out.slice(0, limit - 1)}…` : out;
}
