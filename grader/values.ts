// Writes a case's values the way a student reads them: small inputs as arrays they can paste into a cell,
// large ones by shape and a few entries, and an expected row over the returned row, column by column.
import { shapeOf } from "./compare.js";
import { formatNumber, writeShort } from "./spec/write_short.js";

/** Inputs with at most this many numbers in total are written out in full. */
export const FULL_INPUT_NUMBERS = 64;
const ROW_WINDOW = 8; // entries of a long row shown around the wrong one

export { formatNumber };

/** How many numbers and booleans `v` holds. */
export const countEntries = (v: unknown): number =>
  Array.isArray(v) ? v.reduce((s: number, x) => s + countEntries(x), 0) : v !== null && typeof v === "object" ? countEntries(Object.values(v)) : typeof v === "number" || typeof v === "boolean" ? 1 : 0;

/** `v` as a literal: writeValue([[1, 0.5], [true, false]]) // => "[[1, 0.5], [true, false]]" */
export function writeValue(v: unknown, digits = 6): string {
  if (typeof v === "number") return formatNumber(v, digits);
  if (Array.isArray(v)) return `[${v.map((x) => writeValue(x, digits)).join(", ")}]`;
  if (v !== null && typeof v === "object") return `{ ${Object.entries(v).map(([k, x]) => `${k}: ${writeValue(x, digits)}`).join(", ")} }`;
  return v === undefined ? "undefined" : typeof v === "string" ? JSON.stringify(v) : String(v);
}

/** A large array by its shape and first entries: "shape (50, 16): [[0, 1, 0.841471, …], …]". */
function preview(v: unknown[]): string {
  const head = (a: unknown[]): string => Array.isArray(a[0]) ? `[${head(a[0] as unknown[])}${a.length > 1 ? ", …" : ""}]`
    : `[${a.slice(0, 3).map((x) => writeValue(x)).join(", ")}${a.length > 3 ? ", …" : ""}]`;
  return `shape ${shapeOf(v)}: ${head(v)}`;
}

/**
 * One line per argument, `name = value`. Everything is written out when the inputs hold at most
 * FULL_INPUT_NUMBERS numbers; otherwise small arguments are, large arrays show their shape and first entries,
 * and a large object gets one line per field (`p.wq = shape (6, 6): …`).
 */
export function writeInputs(params: string[], args: unknown[]): string[] {
  const names = args.map((_, i) => params[i] ?? `argument ${i + 1}`);
  if (countEntries(args) <= FULL_INPUT_NUMBERS) return args.map((a, i) => `${names[i]} = ${writeValue(a)}`);
  const line = (name: string, a: unknown): string[] => {
    if (countEntries(a) <= 16) return [`${name} = ${writeValue(a)}`];
    if (Array.isArray(a)) return [`${name} = ${preview(a)}`];
    return Object.entries(a as object).flatMap(([k, x]) => line(`${name}.${k}`, x));
  };
  return args.flatMap((a, i) => line(names[i], a));
}

/**
 * The expected row above the returned one, columns aligned, with as many digits as it takes to see the
 * difference at column `col`; a long row shows ROW_WINDOW entries around `col`.
 */
export function sideBySide(label: string, expected: unknown[], got: unknown[], col: number): string[] {
  let digits = 6;
  // `got` is the submission's: its other entries were not compared yet and may be anything (a long string, deep arrays)
  const cell = (v: unknown) => (typeof v === "number" ? formatNumber(v, digits) : writeShort(v, 24));
  while (digits < 17 && cell(expected[col]) === cell(got[col])) digits++;
  const start = Math.max(0, Math.min(col - Math.floor(ROW_WINDOW / 2), expected.length - ROW_WINDOW));
  const cols = expected.map((_, j) => j).slice(start, start + ROW_WINDOW);
  const e = cols.map((j) => cell(expected[j])), g = cols.map((j) => cell(got[j]));
  const w = cols.map((_, k) => Math.max(e[k].length, g[k].length));
  const write = (xs: string[]) => `[${start > 0 ? "…, " : ""}${xs.map((x, k) => x.padStart(w[k])).join(", ")}${start + cols.length < expected.length ? ", …" : ""}]`;
  const where = cols.length < expected.length ? ` (columns ${start}–${start + cols.length - 1} of ${expected.length})` : "";
  const lead = label ? `${label}  ` : "";
  return [`${lead}expected ${write(e)}${where}`, `${" ".repeat(lead.length)}returned ${write(g)}`];
}
